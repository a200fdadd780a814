-- The projects where the signed-in user holds a permission.
create or replace function private.permitted_project_ids(p_permission text)
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select m.project_id
    from public.project_members as m
    inner join public.role_permissions as rp on m.role_id = rp.role_id
    where m.user_id = (select private.caller_uid()) and rp.permission_key = p_permission;
end
$$;

revoke all on function private.permitted_project_ids(text) from public;

grant execute on function private.permitted_project_ids(text) to authenticated, service_role;
