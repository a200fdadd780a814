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
        from public.integration_features as f
        left join public.project_integration_features as pif
            on f.id = pif.feature_id and pif.project_integration_id = pi.id
        where f.provider_id = pi.provider_id and f.is_active and coalesce(pif.is_enabled, true)
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

-- Every feature of every project integration with its effective state: the project's
-- override where one exists, else the catalogue's default (features are enabled unless a
-- project turned one off; see auto_enable_integrations).
create view public.v_project_integration_features
with (security_invoker = true) as
select
    pi.id as project_integration_id,
    pi.project_id,
    pi.provider_id,
    p.key as provider_key,
    f.id as feature_id,
    f.key as feature_key,
    f.name as feature_name,
    f.description as feature_description,
    f.sync_direction,
    f.entity_type,
    f.server_action,
    pi.is_enabled as integration_enabled,
    pi.status as integration_status,
    coalesce(pif.is_enabled, true) as is_enabled,
    coalesce(pif.trigger_type, f.default_trigger) as trigger_type,
    coalesce(pif.trigger_config, f.default_trigger_config) as trigger_config,
    f.default_trigger,
    f.default_trigger_config,
    (pif.trigger_type is not null or pif.trigger_config is not null) is true as is_overridden,
    pif.id as override_id,
    pif.last_run_at,
    pif.next_run_at
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id
inner join public.integration_features as f on pi.provider_id = f.provider_id and f.is_active
left join public.project_integration_features as pif
    on pi.id = pif.project_integration_id and f.id = pif.feature_id;

revoke all on public.v_project_integrations from anon;
revoke all on public.v_project_integration_features from anon;
revoke all on public.v_integration_sync_logs from anon;
grant select on public.v_project_integrations to authenticated, service_role;
grant select on public.v_project_integration_features to authenticated, service_role;
grant select on public.v_integration_sync_logs to authenticated, service_role;
