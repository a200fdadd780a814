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

revoke all on table private.quickbooks_cdc_cursors from public;
