-- Baseline (issue #19): The schedule planner's pg_cron jobs (skipped with a notice where pg_cron is absent).
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/cron.sql

-- The one pg_cron job planning every schedule each minute, and the daily clean-up of its
-- run history (cron.job_run_details keeps every run forever otherwise). Scheduled only
-- where pg_cron is installed (its database, cron.database_name); elsewhere
-- `plugboard worker --plan-schedules` runs the same tick (docs/engine.md). Idempotent:
-- unschedule by name, then schedule.

do $$
begin
    if pg_catalog.to_regnamespace('cron') is null then
        raise notice 'no pg_cron here: `plugboard worker --plan-schedules` plans schedules';
        return;
    end if;
    perform cron.unschedule(j.jobid)
    from cron.job as j
    where j.jobname in ('plugboard_plan_schedules', 'plugboard_clean_cron_history');
    perform cron.schedule(
        'plugboard_plan_schedules', '* * * * *', 'select private.plan_schedules()'
    );
    perform cron.schedule(
        'plugboard_clean_cron_history', '17 3 * * *',
        $job$delete from cron.job_run_details as d
        using cron.job as j
        where d.jobid = j.jobid and j.jobname like 'plugboard\_%'
            and d.end_time < now() - interval '2 days'$job$
    );
end
$$;
