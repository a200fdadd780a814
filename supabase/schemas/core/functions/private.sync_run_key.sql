-- The job queue's one door from SQL. Sync runs are procrastinate jobs (its schema
-- `procrastinate`, installed by the migrations that sort first, 20261204490000…; see
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

revoke all on function private.sync_run_key(uuid, uuid, text, text) from public;
