-- Runs someone waits for go ahead of scheduled ones (issue #22, plugboard bench scale): at
-- 10,000 projects a compressed day queued 10,510 runs and an approved expense's push waited
-- behind every scheduled run before it (p99 548 s). procrastinate fetches by priority, then
-- age: a sync run of any trigger but on_schedule is deferred at priority 1, scheduled ones
-- at 0 (the stalled-job sweep runs at 10: python_workers/engine/app.py).

drop function private.defer_queue_jobs(text, text, text[], text[], jsonb[]);

-- The queue priority of a sync run: a run someone waits for (a host record's status change,
-- a person's "sync now", a link, a realtime change) goes ahead of scheduled runs, which a
-- busy day can queue by the thousand (plugboard bench scale).
create function private.sync_run_priority(p_trigger public.sync_trigger_type)
returns integer
language sql immutable
set search_path = ''
as $$
    select case when p_trigger = 'on_schedule' then 0 else 1 end
$$;

comment on function private.sync_run_priority(public.sync_trigger_type) is
'procrastinate priority of a sync run of this trigger: scheduled 0, every other 1.';

revoke all on function private.sync_run_priority(public.sync_trigger_type) from public;

-- Planning ticks hand large sets of due features to workers in batches.
--
-- A tick used to write every due feature's run itself (move its schedule on, one pending
-- log, one job) in one transaction: 100,000 due features took the tick 28 s, holding the
-- row locks of all of them and pg_cron's connection, and the first run could start only
-- when the last was written. Now:
-- - private.plan_schedule_batch(ids, now) plans given features: the old tick's work,
--   limited to those ids and re-checking that each is still due (so running it twice, or
--   beside another tick, plans a feature once), with each schedule's next run computed
--   once per batch (the old tick computed it once per due feature, see below);
-- - private.plan_schedules(now), the tick, finds the due features through the index; up
--   to one batch (1,000) it plans them itself, as before; beyond that it queues one
--   plugboard.plan_schedule_batch job per 1,000 (queue `plugboard`), which workers run
--   in parallel, each batch in its own transaction. While such batches of an earlier tick
--   still wait or run, a tick plans nothing (they are planning the same features); what
--   became due meanwhile is planned by the next tick.
-- - private.defer_queue_jobs is now the one door to procrastinate_defer_jobs_v1;
--   private.defer_sync_jobs builds sync jobs and goes through it.
-- - p_priority: procrastinate fetches by priority, then age; a run someone waits for goes
--   ahead of scheduled ones (private.sync_run_priority).
create function private.defer_queue_jobs(
    p_queue text, p_task text, p_locks text[], p_queueing_locks text[], p_args jsonb[],
    p_priority integer default 0
)
returns bigint[]
language plpgsql
set search_path = ''
as $$
declare
    v_constraint text;
begin
    -- procrastinate's functions and triggers name their tables without a schema; this
    -- local setting is undone at this function's exit (it has a SET clause)
    perform pg_catalog.set_config('search_path', 'procrastinate, pg_temp', true);
    begin
        return procrastinate.procrastinate_defer_jobs_v1(array(
            select row(
                p_queue, p_task, p_priority, j.lock, j.queueing_lock, j.args, null
            )::procrastinate.procrastinate_job_to_defer_v1
            from unnest(p_locks, p_queueing_locks, p_args) as j (lock, queueing_lock, args)
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

comment on function private.defer_queue_jobs(text, text, text[], text[], jsonb[], integer) is
'Defers jobs of one task (one per lock, queueing lock and args, at one priority) in the caller''s '
'transaction, all or none; null when a queueing lock already has a waiting job. The only '
'caller of procrastinate_defer_jobs_v1.';

revoke all on function private.defer_queue_jobs(text, text, text[], text[], jsonb[], integer) from public;

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
