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
