-- Whether the caller may read a project (the select policies' rule): a member, as
-- private.caller_uid() names them, or a role that bypasses row level security.
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

revoke all on function private.caller_can_read_project(uuid) from public;

grant execute on function private.caller_can_read_project(uuid) to authenticated, service_role;
