-- An index for procrastinate's job fetch. Every sync job has a lock (its run key), and
-- procrastinate_fetch_job_v2 checks each waiting job for another job holding the same
-- lock through its index on (id, lock), which cannot look a lock up: each fetch scanned
-- that index once per waiting job (300 ms per fetch with 2,000 jobs waiting, so worker
-- throughput fell as the queue grew). Looking the lock up directly keeps a fetch at a
-- few milliseconds. Additive, in procrastinate's schema, named plugboard_* so no
-- procrastinate migration collides with it.

-- Only where the queue's schema is installed (`plugboard db migrate` installs it first;
-- `supabase db push` alone does not).
do $index$
begin
    if pg_catalog.to_regclass('procrastinate.procrastinate_jobs') is not null then
        create index if not exists plugboard_jobs_lock_idx
        on procrastinate.procrastinate_jobs (lock)
        where status in ('todo', 'doing');
    end if;
end
$index$;
