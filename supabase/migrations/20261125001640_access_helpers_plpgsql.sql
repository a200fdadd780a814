-- The membership and permission helpers of 20261125001000, now in plpgsql: same
-- signatures, same answers. A security-definer SQL function cannot be inlined, so every
-- call re-planned its query; plpgsql keeps the plan for the session. Every RLS policy and
-- RPC calls these, so this is most of the cost of a client request (measured on
-- validate_transaction_send_to through RLS: about 5 ms -> 1.3 ms per call).

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
            and m.user_id = (select auth.uid())
            and rp.permission_key = p_permission
    );
end
$$;

create or replace function private.member_project_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select m.project_id from public.project_members as m where m.user_id = (select auth.uid());
end
$$;

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
    where m.user_id = (select auth.uid()) and rp.permission_key = p_permission;
end
$$;

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
        where m.user_id = (select auth.uid())
            and (p_permission is null or rp.permission_key is not null)
    );
end
$$;
