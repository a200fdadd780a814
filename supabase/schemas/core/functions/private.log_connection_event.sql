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

revoke all on function private.log_connection_event(
    uuid, text, public.sync_status, text, text, jsonb, uuid
) from public, anon, authenticated;

grant execute on function private.log_connection_event(
    uuid, text, public.sync_status, text, text, jsonb, uuid
) to service_role;
