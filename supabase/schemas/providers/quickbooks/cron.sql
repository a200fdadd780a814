-- CDC polling, the fallback for missed QuickBooks webhooks: every five minutes each
-- connected QuickBooks integration with a realtime feature gets one qb_cdc_poll run (a
-- waiting one is not queued twice), which asks QuickBooks' change data capture what
-- changed since its cursor and feeds the changes to private.quickbooks_receive_changes
-- (repeats of webhook events are ignored there). Scheduled only where pg_cron is
-- installed; elsewhere call private.enqueue_quickbooks_cdc_polls() from any scheduler.

do $$
begin
    if pg_catalog.to_regnamespace('cron') is null then
        raise notice 'no pg_cron here: call private.enqueue_quickbooks_cdc_polls() from a scheduler';
        return;
    end if;
    perform cron.unschedule(j.jobid) from cron.job as j where j.jobname = 'plugboard_quickbooks_cdc';
    perform cron.schedule(
        'plugboard_quickbooks_cdc', '*/5 * * * *', 'select private.enqueue_quickbooks_cdc_polls()'
    );
end
$$;
