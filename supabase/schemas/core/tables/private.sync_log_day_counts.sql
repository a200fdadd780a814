-- The Logs page's 30-day chart at millions of log rows (issue #23): runs per project, UTC day
-- and status for CLOSED days only (before today), filled by
-- public.integration_sync_log_outcomes the first time a day is asked for and dropped by
-- private.tg_integration_sync_logs__drop_day_counts when a log of a closed day changes.
-- Today is always counted live, so the engine's hot path (today's inserts and status
-- updates) never writes here and concurrent runs never queue on a shared counter row.
-- A counted day holds one row per status, zeros included: a day with rows is counted (even
-- a day without a run, which is not recounted on every call), a day without rows is not.
create table private.sync_log_day_counts (
    project_id uuid not null references public.projects (id) on delete cascade,
    day date not null,
    status public.sync_status not null,
    runs bigint not null check (runs >= 0),
    primary key (project_id, day, status)
);

comment on table private.sync_log_day_counts is
'Runs per project, closed UTC day and status (the Logs chart''s cache); one row per status '
'of a counted day, zeros included. Read through public.integration_sync_log_outcomes only.';

revoke all on table private.sync_log_day_counts from public, anon, authenticated, service_role;
