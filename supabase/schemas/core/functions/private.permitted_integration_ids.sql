-- The project integrations of the projects where the signed-in user holds a permission
-- (or of every project they belong to, when p_permission is null).
create or replace function private.permitted_integration_ids(p_permission text)
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select pi.id
    from public.project_integrations as pi
    where pi.project_id in (
        select m.project_id
        from public.project_members as m
        left join public.role_permissions as rp
            on m.role_id = rp.role_id and rp.permission_key = p_permission
        where m.user_id = (select private.caller_uid())
            and (p_permission is null or rp.permission_key is not null)
    );
end
$$;

revoke all on function private.permitted_integration_ids(text) from public;

grant execute on function private.permitted_integration_ids(text) to authenticated, service_role;
