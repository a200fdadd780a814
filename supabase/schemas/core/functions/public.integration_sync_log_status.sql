create function public.integration_sync_log_status(p_log_ids uuid[])
returns table (
    id uuid,
    status public.sync_status,
    is_final boolean,
    attempt integer,
    records_processed integer,
    records_failed integer,
    error_code text,
    error_message text,
    started_at timestamptz,
    finished_at timestamptz,
    duration_ms bigint
)
language sql stable security invoker
set search_path = ''
as $$
    select
        l.id,
        l.status,
        l.status in ('success', 'partial_success', 'failed'),
        l.attempt,
        l.records_processed,
        l.records_failed,
        l.error_code,
        l.error_message,
        l.started_at,
        l.finished_at,
        l.duration_ms
    from public.integration_sync_logs as l
    where l.id = any (p_log_ids)
$$;

comment on function public.integration_sync_log_status(uuid[]) is
'Where the given sync runs are (poll until is_final); RLS applies (integration:logs:view).';

revoke all on function public.integration_sync_log_status(uuid[]) from public, anon;

grant execute on function public.integration_sync_log_status(uuid[]) to authenticated, service_role;
