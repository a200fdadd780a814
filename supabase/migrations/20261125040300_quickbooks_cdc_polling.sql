-- CDC polling, the fallback for missed QuickBooks webhooks: every five minutes each
-- connected QuickBooks integration with a realtime feature gets one qb_cdc_poll run (a
-- waiting one is not queued twice), which asks QuickBooks' change data capture what
-- changed since its cursor and feeds the changes to private.quickbooks_receive_changes
-- (repeats of webhook events are ignored there). Scheduled only where pg_cron is
-- installed; elsewhere call private.enqueue_quickbooks_cdc_polls() from any scheduler.

create table private.quickbooks_cdc_cursors (
    project_integration_id uuid primary key
    references public.project_integrations (id) on delete cascade,
    changed_since timestamptz not null,
    polled_at timestamptz not null default now()
);

comment on table private.quickbooks_cdc_cursors is
'Per QuickBooks integration: the change time CDC polling has read up to.';

update public.integration_providers
set server_actions = pg_catalog.array_append(server_actions, 'qb_cdc_poll')
where key = 'quickbooks' and not server_actions @> '{qb_cdc_poll}';

create function private.enqueue_quickbooks_cdc_polls()
returns integer
language sql volatile security definer
set search_path = ''
as $$
    select pg_catalog.count(private.enqueue_sync_run(
        pi.id, null, 'realtime', 'qb_cdc_poll', null, null, '{}'::jsonb, null
    ))::integer
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id and p.key = 'quickbooks'
    where pi.is_enabled and pi.status = 'Connected' and pi.external_account_id is not null
        and exists (
            select from private.features_triggered_by('realtime', null, array[pi.id]) as f
        )
$$;

comment on function private.enqueue_quickbooks_cdc_polls() is
'Queues one qb_cdc_poll run per connected QuickBooks integration with a realtime feature.';

revoke all on table private.quickbooks_cdc_cursors from public;
revoke all on function private.enqueue_quickbooks_cdc_polls() from public;
grant execute on function private.enqueue_quickbooks_cdc_polls() to service_role;

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
