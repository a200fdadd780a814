-- Defers one job per (log id, lock), all or none; null when one of them already has a
-- waiting job of the same trigger (the queueing lock's unique_violation is caught in a
-- sub-block, so the caller's transaction carries on and finds that run instead).
-- private.defer_sync_jobs pins search_path to '' like every function here and names
-- procrastinate's objects with their schema; it switches search_path to the queue's
-- schema for its own duration only (set_config local inside a function with a SET
-- clause is undone at its exit), because procrastinate's functions and triggers name
-- their tables without a schema and resolve them through the caller's search_path.
create or replace function private.defer_sync_jobs(
    p_log_ids uuid[], p_locks text[], p_trigger public.sync_trigger_type
)
returns bigint[]
language sql
set search_path = ''
as $$
    select private.defer_queue_jobs(
        'sync',
        'plugboard.sync_run',
        p_locks,
        array(select private.sync_run_queueing_lock(l.lock, p_trigger) from unnest(p_locks) as l (lock)),
        array(select pg_catalog.jsonb_build_object('log_id', l.id) from unnest(p_log_ids) as l (id)),
        private.sync_run_priority(p_trigger)
    )
$$;

revoke all on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) from public;

comment on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) is
'Defers plugboard.sync_run jobs (one per log id and lock) in the caller''s transaction; '
'null when one already has a waiting job of the same trigger.';
