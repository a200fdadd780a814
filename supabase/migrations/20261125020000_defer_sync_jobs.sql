-- The job queue's one door from SQL. Sync runs are procrastinate jobs (its schema
-- `procrastinate`, installed by `plugboard db migrate` before these migrations; see
-- python_workers/db/queue_schema.py), deferred inside the caller's transaction, so a
-- rolled-back change enqueues nothing and a committed one wakes the workers (procrastinate
-- NOTIFYs on insert).
--
-- One job per sync run: task plugboard.sync_run, queue `sync`, args {"log_id": <uuid>}.
-- Its key (private.sync_run_key) is both procrastinate's queueing lock (at most one
-- waiting job per key: the same work is not queued twice) and its lock (jobs of one key
-- never run at the same time: two runs of one feature, or of one record, never overlap).

-- sync:<project integration>:<feature, or the action when no feature names it>:<entity id or *>
create function private.sync_run_key(
    p_project_integration_id uuid, p_feature_id uuid, p_action text, p_entity_id text
)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select 'sync:' || p_project_integration_id::text
        || ':' || coalesce(p_feature_id::text, p_action)
        || ':' || coalesce(p_entity_id, '*')
$$;

-- Defers one job per (log id, key), all or none; null when one of the keys already has a
-- waiting job (the queueing lock's unique_violation is caught in a sub-block, so the
-- caller's transaction carries on; the caller finds the waiting run instead).
-- procrastinate's functions and triggers name their tables and types without a schema
-- and resolve them through the caller's search_path (they are installed from its
-- schema.sql as they are), so this function alone sets search_path to the queue's schema.
-- pg_catalog is searched first and pg_temp last: nothing can shadow what it calls.
create function private.defer_sync_jobs(p_log_ids uuid[], p_keys text[])
returns bigint[]
language plpgsql
set search_path = procrastinate, pg_temp
as $$
declare
    v_constraint text;
begin
    begin
        return procrastinate_defer_jobs_v1(array(
            select row(
                'sync', 'plugboard.sync_run', 0, k.key, k.key,
                jsonb_build_object('log_id', k.log_id), null
            )::procrastinate_job_to_defer_v1
            from unnest(p_log_ids, p_keys) as k (log_id, key)
        ));
    exception
        when unique_violation then
            get stacked diagnostics v_constraint = constraint_name;
            if v_constraint is distinct from 'procrastinate_jobs_queueing_lock_idx_v1' then
                raise;
            end if;
            return null;
    end;
end
$$;

comment on function private.defer_sync_jobs(uuid[], text[]) is
'Defers plugboard.sync_run jobs (one per log id and key) in the caller''s transaction; '
'null when a key already has a waiting job. The only caller of procrastinate_defer_jobs_v1.';

revoke all on function private.sync_run_key(uuid, uuid, text, text) from public;
revoke all on function private.defer_sync_jobs(uuid[], text[]) from public;
