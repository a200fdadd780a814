-- The active feature p_key of the integration's provider, else PB404 listing the features.
create or replace function private.rpc_feature(p_integration public.project_integrations, p_key text)
returns public.integration_features
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_feature public.integration_features;
begin
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id and f.key = p_key and f.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('no feature "%s" for this integration', coalesce(private.input_excerpt(p_key), 'null')),
            hint = 'Features: ' || (
                select pg_catalog.string_agg(f.key, ', ' order by f.sort_order)
                from public.integration_features as f
                where f.provider_id = p_integration.provider_id and f.is_active
            );
    end if;
    return v_feature;
end
$$;

revoke all on function private.rpc_feature(public.project_integrations, text) from public;

grant execute on function private.rpc_feature(public.project_integrations, text) to authenticated, service_role;
