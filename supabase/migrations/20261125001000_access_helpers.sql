-- Who may do what: membership and permission checks for RLS policies and RPCs. Security
-- definer so policies can read membership without granting the tables themselves.

create function private.has_permission(p_project_id uuid, p_permission text)
returns boolean
language sql stable security definer
set search_path = ''
as $$
    select exists (
        select
        from public.project_members as m
        join public.role_permissions as rp on rp.role_id = m.role_id
        where m.project_id = p_project_id
            and m.user_id = (select auth.uid())
            and rp.permission_key = p_permission
    )
$$;

comment on function private.has_permission(uuid, text) is
'True when the signed-in user is a member of the project with a role granting the permission.';

-- The projects the signed-in user belongs to; policies use `in (select …)` so it runs once.
create function private.member_project_ids()
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
    select m.project_id from public.project_members as m where m.user_id = (select auth.uid())
$$;

-- The projects where the signed-in user holds a permission.
create function private.permitted_project_ids(p_permission text)
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
    select m.project_id
    from public.project_members as m
    join public.role_permissions as rp on rp.role_id = m.role_id
    where m.user_id = (select auth.uid()) and rp.permission_key = p_permission
$$;

-- The project integrations of the projects where the signed-in user holds a permission
-- (or of every project they belong to, when p_permission is null).
create function private.permitted_integration_ids(p_permission text)
returns setof uuid
language sql stable security definer
set search_path = ''
as $$
    select pi.id
    from public.project_integrations as pi
    where pi.project_id in (
        select m.project_id
        from public.project_members as m
        left join public.role_permissions as rp
            on rp.role_id = m.role_id and rp.permission_key = p_permission
        where m.user_id = (select auth.uid())
            and (p_permission is null or rp.permission_key is not null)
    )
$$;

revoke all on function private.has_permission(uuid, text) from public;
revoke all on function private.member_project_ids() from public;
revoke all on function private.permitted_project_ids(text) from public;
revoke all on function private.permitted_integration_ids(text) from public;
grant execute on function private.has_permission(uuid, text) to authenticated, service_role;
grant execute on function private.member_project_ids() to authenticated, service_role;
grant execute on function private.permitted_project_ids(text) to authenticated, service_role;
grant execute on function private.permitted_integration_ids(text) to authenticated, service_role;
