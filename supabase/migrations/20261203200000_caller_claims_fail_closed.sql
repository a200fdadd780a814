-- Who is calling, read so that a missing, empty or malformed JWT claim never means
-- "allowed". auth.uid() / auth.role() are null when a claim is missing (and raise on
-- malformed JSON), and `(select auth.role()) = 'service_role' or …` is null for a caller
-- without a role claim: `if not null` does not raise, so private.rpc_integration and
-- private.rpc_may let such a caller through (issue #18). Every permission decision now
-- reads these three instead; each answers a plain true/false or a uuid/null, never an error.

-- The request's JWT claims as a JSON object; {} when missing, empty, not JSON or not an object.
create function private.caller_claims()
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_raw text := pg_catalog.current_setting('request.jwt.claims', true);
    v_claims jsonb;
begin
    if v_raw is null or v_raw = '' then
        return '{}'::jsonb;
    end if;
    begin
        v_claims := v_raw::jsonb;
    exception when invalid_text_representation then
        return '{}'::jsonb;
    end;
    if pg_catalog.jsonb_typeof(v_claims) <> 'object' then
        return '{}'::jsonb;
    end if;
    return v_claims;
end
$$;

-- The signed-in person: the claims' sub when it is a uuid, else null.
create function private.caller_uid()
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
    v_sub text := private.caller_claims() ->> 'sub';
begin
    if v_sub ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return v_sub::uuid;
    end if;
    return null;
end
$$;

-- A trusted server app: the claims say role service_role AND the request runs as the
-- service_role database role (the SET ROLE of the request, which security definer does
-- not change; a login as service_role without SET ROLE counts too). Claims alone, under
-- another role, are not enough.
create function private.caller_is_service_role()
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_role text := pg_catalog.current_setting('role');
begin
    return coalesce(private.caller_claims() ->> 'role' = 'service_role', false)
        and case v_role when 'none' then session_user else v_role end = 'service_role';
end
$$;

-- The caller may see the project at all: service_role, or a member. Errors for a project
-- the caller does not see say the same as for one that does not exist.
create function private.rpc_sees_project(p_project_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return private.caller_is_service_role() or coalesce(exists (
        select from public.project_members as m
        where m.project_id = p_project_id and m.user_id = private.caller_uid()
    ), false);
end
$$;

-- The membership helpers of 20261125001640, redefined: the caller is private.caller_uid().
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

create or replace function private.member_project_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select m.project_id from public.project_members as m where m.user_id = (select private.caller_uid());
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
    where m.user_id = (select private.caller_uid()) and rp.permission_key = p_permission;
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
        where m.user_id = (select private.caller_uid())
            and (p_permission is null or rp.permission_key is not null)
    );
end
$$;

-- private.caller_can_read_project of 20261125010000, redefined: the member is caller_uid().
create or replace function private.caller_can_read_project(p_project_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_role text := pg_catalog.current_setting('role');
begin
    if v_role = 'authenticated' then
        return exists (
            select
            from public.project_members as m
            where m.project_id = p_project_id and m.user_id = (select private.caller_uid())
        );
    end if;
    return exists (
        select
        from pg_catalog.pg_roles as r
        where r.rolname = case v_role when 'none' then session_user else v_role end
            and (r.rolsuper or r.rolbypassrls)
    );
end
$$;

-- private.rpc_may and private.rpc_integration of 20261125011300, redefined: true / false
-- only, service_role as private.caller_is_service_role() says.
create or replace function private.rpc_may(p_project_id uuid, p_permission text)
returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
    return private.caller_is_service_role()
        or coalesce(private.has_permission(p_project_id, p_permission), false);
end
$$;

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

-- The projects policies of 20261125001300 / 20261125001610 that read the creator: caller_uid().
alter policy projects_insert on public.projects
with check (created_by = (select private.caller_uid()));

alter policy projects_select on public.projects
using (
    id in (select private.member_project_ids())
    or (created_by = (select private.caller_uid()) and not private.project_has_members(id))
);

revoke all on function private.caller_claims() from public;
revoke all on function private.caller_uid() from public;
revoke all on function private.caller_is_service_role() from public;
revoke all on function private.rpc_sees_project(uuid) from public;
grant execute on function private.caller_claims() to authenticated, service_role;
grant execute on function private.caller_uid() to authenticated, service_role;
grant execute on function private.caller_is_service_role() to authenticated, service_role;
grant execute on function private.rpc_sees_project(uuid) to authenticated, service_role;
