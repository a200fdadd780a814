-- Runs of a project per UTC day and status on the given days, counted from
-- public.integration_sync_logs: every (day, status) pair, zeros included. One index-only
-- range scan per pair (integration_sync_logs_project_status_time_idx), so a day costs its
-- own rows, whatever else the project holds.
create function private.sync_log_counts(p_project_id uuid, p_days date[])
returns table (day date, status public.sync_status, runs bigint)
language sql stable
set search_path = ''
as $$
    select d.day, s.status, c.runs
    from pg_catalog.unnest(p_days) as d (day)
    cross join pg_catalog.unnest(pg_catalog.enum_range(null::public.sync_status)) as s (status)
    cross join lateral (
        select pg_catalog.count(*) as runs
        from public.integration_sync_logs as l
        where l.project_id = p_project_id
            and l.status = s.status
            and l.created_at >= d.day::timestamp at time zone 'UTC'
            and l.created_at < (d.day + 1)::timestamp at time zone 'UTC'
    ) as c
$$;

revoke all on function private.sync_log_counts(uuid, date[]) from public;
