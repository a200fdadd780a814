-- Helpers the client-app RPCs share: who may act (PB403), which project integration and
-- feature a call means (PB404), and the "Send To" re-validation of one record.
-- service_role (a trusted server app, JWT role service_role) may do what any permission allows.
-- private.rpc_may answers true / false only, service_role as
-- private.caller_is_service_role() says.
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

revoke all on function private.rpc_may(uuid, text) from public;

grant execute on function private.rpc_may(uuid, text) to authenticated, service_role;
