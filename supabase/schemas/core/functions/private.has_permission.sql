-- Who may do what: membership and permission checks for RLS policies and RPCs. Security
-- definer so policies can read membership without granting the tables themselves.
-- The caller is private.caller_uid().
create or replace function private.has_permission(p_project_id uuid, p_permission text)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return exists (
        select
        from public.project_members as m
        inner join public.role_permissions as rp on m.role_id = rp.role_id
        where m.project_id = p_project_id
            and m.user_id = (select private.caller_uid())
            and rp.permission_key = p_permission
    );
end
$$;

comment on function private.has_permission(uuid, text) is
'True when the signed-in user is a member of the project with a role granting the permission.';

revoke all on function private.has_permission(uuid, text) from public;

grant execute on function private.has_permission(uuid, text) to authenticated, service_role;
