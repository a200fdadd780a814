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

revoke all on function private.rpc_sees_project(uuid) from public;

grant execute on function private.rpc_sees_project(uuid) to authenticated, service_role;
