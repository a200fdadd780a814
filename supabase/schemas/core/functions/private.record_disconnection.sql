-- Disconnected: the grant is gone; the account id stays so people see what it was
-- connected to (mappings and sync logs are kept).
create function private.record_disconnection(p_project_integration_id uuid)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = 'Disconnected',
        connected_at = null,
        connection_expires_at = null,
        last_error_code = null,
        last_error_message = null,
        last_error_at = null
    where pi.id = p_project_integration_id
$$;

revoke all on function private.record_disconnection(uuid) from public, anon, authenticated;

grant execute on function private.record_disconnection(uuid) to service_role;
