create function public.integration_feature_set_enabled(
    p_project_integration_id uuid, p_feature_key text, p_enabled boolean
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
    if p_enabled is null then
        raise exception using errcode = 'PB422', message = 'enabled: give true or false';
    end if;
    insert into public.project_integration_features as o (project_integration_id, feature_id, is_enabled)
    values (v_integration.id, v_feature.id, p_enabled)
    on conflict (project_integration_id, feature_id) do update set is_enabled = excluded.is_enabled;
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integration_features as v
        where v.project_integration_id = v_integration.id and v.feature_id = v_feature.id
    );
end
$$;

revoke all on function public.integration_feature_set_enabled(uuid, text, boolean) from public, anon;

grant execute on function public.integration_feature_set_enabled(uuid, text, boolean) to authenticated, service_role;
