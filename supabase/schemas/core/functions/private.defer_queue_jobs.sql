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
