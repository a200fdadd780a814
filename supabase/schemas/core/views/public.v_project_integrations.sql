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

revoke all on public.v_project_integrations from anon;

grant select on public.v_project_integrations to authenticated, service_role;

revoke insert, update, delete on public.v_project_integrations from authenticated;
