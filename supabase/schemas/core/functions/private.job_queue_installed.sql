-- Whether the job queue's schema (migrations 20261204490000…) is in this database: its
-- job type and the function that defers jobs. A catalogue look-up, no error when the
-- schema is missing (to_regprocedure raises on a missing argument type, so the type is
-- looked up first, in a case that keeps the order).
create function private.job_queue_installed()
returns boolean
language sql stable
set search_path = ''
as $$
    select case
        when pg_catalog.to_regtype('procrastinate.procrastinate_job_to_defer_v1') is null then false
        else pg_catalog.to_regprocedure(
            'procrastinate.procrastinate_defer_jobs_v1(procrastinate.procrastinate_job_to_defer_v1[])'
        ) is not null
    end
$$;

revoke all on function private.job_queue_installed() from public;

comment on function private.job_queue_installed() is
'True when procrastinate''s schema and its procrastinate_defer_jobs_v1 are installed.';
