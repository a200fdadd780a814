-- Plugboard's changes to procrastinate's schema (queue/procrastinate.sql). The queue
-- drift test applies this same file to the schema procrastinate itself installs before
-- comparing (tests/py/engine/test_queue_matches_procrastinate.py), so it may hold only
-- what Plugboard adds. Idempotent: a procrastinate upgrade's migration runs it again.

-- Look a job's lock up directly. procrastinate_fetch_job_v2 checks each waiting job for
-- another job holding the same lock; its own index on (id, lock) cannot look a lock up,
-- so each fetch scanned it once per waiting job (300 ms per fetch at 2,000 waiting).
create index if not exists plugboard_jobs_lock_idx
on procrastinate.procrastinate_jobs (lock)
where status in ('todo', 'doing');

-- Make the fetch walk the priority index and stop at the first free job. The jobs table
-- is empty most of the time, so its statistics say "a few rows"; when a burst arrives
-- (a planning tick, a bulk status change), the planner, trusting them, reads every waiting
-- job and sorts them on each fetch: 12 ms per fetch at 2,000 waiting, growing with the
-- queue, halving a worker's throughput (`plugboard bench engine`). Scoped to this one
-- function, so no other query's plans change.
alter function procrastinate.procrastinate_fetch_job_v2(character varying[], bigint)
set enable_sort = off;

-- A fixed search_path on every procrastinate function (splinter's
-- function_search_path_mutable): procrastinate's SQL names its tables without a schema and
-- would otherwise resolve them through each caller's search_path.
do $$
declare
    v_function regprocedure;
begin
    for v_function in
        select p.oid::regprocedure
        from pg_catalog.pg_proc as p
        where p.pronamespace = 'procrastinate'::regnamespace
        order by p.oid
    loop
        execute pg_catalog.format(
            'alter function %s set search_path = procrastinate, pg_catalog, pg_temp', v_function
        );
    end loop;
end
$$;
