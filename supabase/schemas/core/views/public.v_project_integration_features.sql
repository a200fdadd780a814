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

revoke all on public.v_project_integration_features from anon;

grant select on public.v_project_integration_features to authenticated, service_role;

revoke insert, update, delete on public.v_project_integration_features from authenticated;
