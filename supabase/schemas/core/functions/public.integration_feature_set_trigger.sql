-- p_trigger and p_trigger_config null: back to the catalogue's default trigger and config.
-- Either alone overrides just that part (the other stays the feature's default).
create function public.integration_feature_set_trigger(
    p_project_integration_id uuid,
    p_feature_key text,
    p_trigger public.sync_trigger_type,
    p_trigger_config jsonb default null
)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, p_feature_key);
begin
    insert into public.project_integration_features as o (
        project_integration_id, feature_id, trigger_type, trigger_config
    )
    values (v_integration.id, v_feature.id, p_trigger, p_trigger_config)
    on conflict (project_integration_id, feature_id) do update
    set trigger_type = excluded.trigger_type, trigger_config = excluded.trigger_config;
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integration_features as v
        where v.project_integration_id = v_integration.id and v.feature_id = v_feature.id
    );
end
$$;

revoke all on function public.integration_feature_set_trigger(uuid, text, public.sync_trigger_type, jsonb)
from public, anon;

grant execute on function public.integration_feature_set_trigger(uuid, text, public.sync_trigger_type, jsonb)
to authenticated, service_role;
