-- Connection state of a project integration, written only by Plugboard (service_role): the
-- OAuth callback, token refresh, disconnect and connection tests move the status
-- (Pending → Connected; Connected ⇄ Error; → Expired when a reconnect is needed;
-- → Disconnected) and keep the last error for people to read in v_project_integrations.
-- Every connection event also leaves a finished sync log (action connect, refresh,
-- disconnect, testConnection) saying what happened. Never a secret in any of it.
-- Connected through a new grant (the OAuth callback): account, expiry, errors cleared.
create function private.record_connection(
    p_project_integration_id uuid,
    p_external_account_id text,
    p_connection_expires_at timestamptz
)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = 'Connected',
        external_account_id = p_external_account_id,
        connected_at = now(),
        connection_expires_at = p_connection_expires_at,
        last_error_code = null,
        last_error_message = null,
        last_error_at = null
    where pi.id = p_project_integration_id
$$;

revoke all on function private.record_connection(uuid, text, timestamptz)
from public, anon, authenticated;

grant execute on function private.record_connection(uuid, text, timestamptz) to service_role;
