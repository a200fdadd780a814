-- The credential works again (a refresh or a test succeeded): Connected, errors cleared.
-- An integration that was disconnected or is waiting for a reconnect stays as it is.
create function private.record_connection_ok(
    p_project_integration_id uuid,
    p_connection_expires_at timestamptz default null
)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = 'Connected',
        connection_expires_at = coalesce(p_connection_expires_at, pi.connection_expires_at),
        last_error_code = null,
        last_error_message = null,
        last_error_at = null
    where pi.id = p_project_integration_id and pi.status in ('Connected', 'Error')
$$;

revoke all on function private.record_connection_ok(uuid, timestamptz)
from public, anon, authenticated;

grant execute on function private.record_connection_ok(uuid, timestamptz) to service_role;
