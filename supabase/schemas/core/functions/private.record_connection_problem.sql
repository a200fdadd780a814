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

revoke all on function private.record_connection_problem(
    uuid, public.integration_connection_status, text, text
) from public, anon, authenticated;

grant execute on function private.record_connection_problem(
    uuid, public.integration_connection_status, text, text
) to service_role;
