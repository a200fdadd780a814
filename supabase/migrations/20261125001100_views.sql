-- What the host app's Integrations pages read. security_invoker: the caller's RLS applies.

create view public.v_project_integrations
with (security_invoker = true) as
select
    pi.id,
    pi.project_id,
    pi.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    p.description as provider_description,
    p.auth_method,
    p.credential_scope,
    p.auto_enable_for_country,
    array(
        select c.country_code
        from public.integration_provider_countries as c
        where c.provider_id = p.id
        order by c.country_code
    ) as country_codes,
    pi.status,
    pi.is_enabled,
    pi.enabled_by,
    pi.external_account_id,
    pi.external_account_name,
    pi.connected_at,
    pi.connection_expires_at,
    -- a reconnect is needed within 14 days (refresh token / grant hard expiry)
    coalesce(pi.connection_expires_at < now() + interval '14 days', false)
        as connection_expiry_warning,
    pi.last_error_code,
    pi.last_error_message,
    pi.last_error_at,
    (
        select count(*)
        from public.project_integration_features as pif
        where pif.project_integration_id = pi.id and pif.is_enabled
    ) as enabled_feature_count,
    pi.created_at,
    pi.updated_at
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id;

create view public.v_integration_sync_logs
with (security_invoker = true) as
select
    l.id,
    l.project_id,
    l.project_integration_id,
    l.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    l.feature_id,
    f.key as feature_key,
    f.name as feature_name,
    l.trigger_type,
    l.direction,
    l.status,
    l.action,
    l.entity_type,
    l.entity_id,
    l.external_id,
    l.records_processed,
    l.records_created,
    l.records_updated,
    l.records_skipped,
    l.records_failed,
    l.error_code,
    l.error_message,
    l.attempt,
    l.details,
    l.requested_by,
    l.created_at,
    l.started_at,
    l.finished_at,
    l.duration_ms
from public.integration_sync_logs as l
inner join public.integration_providers as p on l.provider_id = p.id
left join public.integration_features as f on l.feature_id = f.id;

revoke all on public.v_project_integrations from anon;
revoke all on public.v_integration_sync_logs from anon;
grant select on public.v_project_integrations to authenticated, service_role;
grant select on public.v_integration_sync_logs to authenticated, service_role;
