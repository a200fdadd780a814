-- The project integration p_id, if the caller belongs to its project (else PB404) and holds
-- p_permission there (else PB403). '<provider>' in p_permission stands for the provider key.
create or replace function private.rpc_integration(p_id uuid, p_permission text)
returns public.project_integrations
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_permission text;
begin
    select pi.* into v_integration from public.project_integrations as pi where pi.id = p_id;
    if not found or not private.rpc_sees_project(v_integration.project_id) then
        raise exception using errcode = 'PB404',
            message = format('no project integration %s in a project you belong to', coalesce(p_id::text, 'null'));
    end if;
    v_permission := pg_catalog.replace(p_permission, '<provider>', (
        select p.key from public.integration_providers as p where p.id = v_integration.provider_id
    ));
    if not private.rpc_may(v_integration.project_id, v_permission) then
        raise exception using errcode = 'PB403',
            message = format('you need the %s permission in this project', v_permission);
    end if;
    return v_integration;
end
$$;

revoke all on function private.rpc_integration(uuid, text) from public;

grant execute on function private.rpc_integration(uuid, text) to authenticated, service_role;
