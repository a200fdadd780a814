-- Plugboard's tuning of procrastinate's schema, applied by `plugboard db migrate` after
-- every install or upgrade of the queue (idempotent). Kept out of supabase/migrations so
-- a database whose migrations came from `supabase db push` (no queue schema yet) still
-- gets it once `plugboard db migrate` installs the queue, and so a procrastinate upgrade
-- that replaces a function gets it back.

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
