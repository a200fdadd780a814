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

-- Something went wrong: keep the error for people to see and, when p_status is given,
-- move to it (Error, Expired, Pending). p_status null keeps the status.
create function private.record_connection_problem(
    p_project_integration_id uuid,
    p_status public.integration_connection_status,
    p_error_code text,
    p_error_message text
)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = coalesce(p_status, pi.status),
        last_error_code = p_error_code,
        last_error_message = p_error_message,
        last_error_at = now()
    where pi.id = p_project_integration_id
$$;

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

-- A finished sync log for a connection event; returns its id. p_status success or failed
-- (failed needs p_error_message). p_details carries non-secret facts only.
create function private.log_connection_event(
    p_project_integration_id uuid,
    p_action text,
    p_status public.sync_status,
    p_error_code text default null,
    p_error_message text default null,
    p_details jsonb default '{}',
    p_requested_by uuid default null
)
returns uuid
language sql
set search_path = ''
as $$
    insert into public.integration_sync_logs (
        project_id, project_integration_id, provider_id, trigger_type, direction, status, action,
        error_code, error_message, details, requested_by, started_at, finished_at
    )
    select
        pi.project_id, pi.id, pi.provider_id, 'on_manual', 'inbound', p_status, p_action,
        p_error_code, p_error_message, coalesce(p_details, '{}'), p_requested_by, now(), now()
    from public.project_integrations as pi
    where pi.id = p_project_integration_id
    returning id
$$;

-- The outcome of a real test of a global credential (the Companies House key): every
-- project integration of the provider follows it, and the credential remembers when it
-- last passed. p_ok false moves them to Error with the reason.
create function private.record_global_credential_test(
    p_provider_key text,
    p_ok boolean,
    p_error_code text default null,
    p_error_message text default null
)
returns integer
language sql
set search_path = ''
as $$
    with tested as (
        update public.integration_credentials as c set
            verified_at = case when p_ok then now() else c.verified_at end
        from public.integration_providers as p
        where c.provider_id = p.id and p.key = p_provider_key and c.scope = 'global'
        returning c.provider_id
    ),

    moved as (
        update public.project_integrations as pi set
            status = case when p_ok then 'Connected' else 'Error' end::public.integration_connection_status,
            connected_at = case when p_ok then coalesce(pi.connected_at, now()) end,
            last_error_code = case when not p_ok then p_error_code end,
            last_error_message = case when not p_ok then p_error_message end,
            last_error_at = case when not p_ok then now() end
        where pi.provider_id in (select t.provider_id from tested as t)
        returning 1
    )

    select count(*)::integer from moved
$$;

-- A new integration of a provider whose global credential already passed a test starts
-- Connected. Security definer: clients insert integrations but may not read credentials.
create function private.tg_project_integrations__global_credential_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_verified_at timestamptz;
begin
    select c.verified_at into v_verified_at
    from public.integration_credentials as c
    where c.provider_id = new.provider_id and c.scope = 'global';
    if v_verified_at is not null then
        new.status := 'Connected';
        new.connected_at := v_verified_at;
    end if;
    return new;
end
$$;

create trigger "30_global_credential_status"
before insert on public.project_integrations
for each row execute function private.tg_project_integrations__global_credential_status();

revoke all on function private.record_connection(uuid, text, timestamptz)
from public, anon, authenticated;
revoke all on function private.record_connection_ok(uuid, timestamptz)
from public, anon, authenticated;
revoke all on function private.record_connection_problem(
    uuid, public.integration_connection_status, text, text
) from public, anon, authenticated;
revoke all on function private.record_disconnection(uuid) from public, anon, authenticated;
revoke all on function private.log_connection_event(
    uuid, text, public.sync_status, text, text, jsonb, uuid
) from public, anon, authenticated;
revoke all on function private.record_global_credential_test(text, boolean, text, text)
from public, anon, authenticated;
revoke all on function private.tg_project_integrations__global_credential_status()
from public, anon, authenticated;

grant execute on function private.record_connection(uuid, text, timestamptz) to service_role;
grant execute on function private.record_connection_ok(uuid, timestamptz) to service_role;
grant execute on function private.record_connection_problem(
    uuid, public.integration_connection_status, text, text
) to service_role;
grant execute on function private.record_disconnection(uuid) to service_role;
grant execute on function private.log_connection_event(
    uuid, text, public.sync_status, text, text, jsonb, uuid
) to service_role;
grant execute on function private.record_global_credential_test(text, boolean, text, text)
to service_role;
