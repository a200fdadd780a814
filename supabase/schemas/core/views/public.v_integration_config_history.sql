-- The configuration history as the Configuration page reads it: newest first by (at, id),
-- with the provider's and feature's names. security_invoker: the caller's RLS applies
-- (integration:manage on the project).
create view public.v_integration_config_history
with (security_invoker = true) as
select
    h.id,
    h.project_id,
    h.project_integration_id,
    h.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    h.feature_id,
    f.key as feature_key,
    f.name as feature_name,
    h.at,
    h.actor_kind,
    h.actor_id,
    coalesce(
        h.actor_name,
        case h.actor_kind when 'service_role' then 'A server app' when 'system' then 'Plugboard' end
    ) as actor_name,
    h.object,
    h.action,
    h.before,
    h.after
from public.integration_config_history as h
left join public.integration_providers as p on h.provider_id = p.id
left join public.integration_features as f on h.feature_id = f.id;

revoke all on public.v_integration_config_history from anon;

grant select on public.v_integration_config_history to authenticated, service_role;

revoke insert, update, delete on public.v_integration_config_history from authenticated;
