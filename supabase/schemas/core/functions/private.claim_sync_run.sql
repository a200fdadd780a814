-- claim_sync_run(log, attempt): attempt `p_attempt` of a sync run starts: its log turns
-- in_progress (started_at: the first attempt's) and what the run needs comes back; nothing
-- when the log is already final (its job is a leftover). Called by the worker's fetch of
-- the job, in the same statement (python_workers/engine/logs.py, FETCH_AND_CLAIM_SQL).
-- PL/pgSQL, not a CTE of that statement: its UPDATE must see the log committed with the
-- job, and a statement's own snapshot is taken before procrastinate's fetch function
-- finds the job; this function's statement takes its snapshot after it (read committed).
create function private.claim_sync_run(p_log_id uuid, p_attempt integer)
returns table (
    log_id uuid,
    attempt integer,
    project_id uuid,
    project_integration_id uuid,
    provider_id uuid,
    provider_key text,
    feature_id uuid,
    action text,
    params jsonb,
    integration_status text,
    external_account_id text,
    settings jsonb,
    progress jsonb
)
language plpgsql volatile
set search_path = ''
as $$
begin
    return query
    with claimed as (
        update public.integration_sync_logs as l
        set status = 'in_progress', attempt = p_attempt, started_at = coalesce(l.started_at, pg_catalog.now()),
            error_code = null, error_message = null
        where l.id = p_log_id and l.status in ('pending', 'in_progress')
        returning l.*
    )

    select
        l.id, l.attempt,
        -- the run's project is its integration's: what the run may touch (HostRecords)
        coalesce(pi.project_id, l.project_id), l.project_integration_id, l.provider_id, p.key,
        l.feature_id, l.action, coalesce(l.details -> 'params', '{}'), pi.status::text,
        pi.external_account_id, coalesce(pi.settings, '{}'), coalesce(l.details -> 'progress', '{}')
    from claimed as l
    inner join public.integration_providers as p on l.provider_id = p.id
    left join public.project_integrations as pi on l.project_integration_id = pi.id;
end
$$;

revoke all on function private.claim_sync_run(uuid, integer) from public;
