-- Proves: private.quickbooks_receive_changes takes a realm's change events once (a repeat,
-- from a webhook redelivery or a CDC poll of the same change, is a duplicate) and queues
-- the realtime runs of that realm's Connected integrations for the changed entity
-- (Payment -> qb_payments); events of another realm or entity queue nothing.
-- private.enqueue_quickbooks_cdc_polls queues one qb_cdc_poll per such integration.
begin;
select plan(6);

insert into public.projects (id, name, country_code) values (tests.id('qb_events'), 'Events', 'GB');
update public.project_integrations as pi set status = 'Connected', external_account_id = 'realm-1'
from public.integration_providers as p
where p.id = pi.provider_id and p.key = 'quickbooks' and pi.project_id = tests.id('qb_events');

select is(
    private.quickbooks_receive_changes('realm-1', $$[
        {"entity": "Payment", "id": "7", "operation": "Create", "time": "2026-11-25T10:00:00+00:00"},
        {"entity": "Vendor", "id": "3", "operation": "Update", "time": "2026-11-25T10:00:00+00:00"}
    ]$$) - 'log_ids',
    '{"received": 2, "duplicates": 0}'::jsonb,
    'two new events'
);
select results_eq(
    $$select action, trigger_type::text, entity_id from public.integration_sync_logs$$,
    $$values ('qb_payments', 'realtime', '7')$$,
    'the payment queues the realtime payments feature; the vendor change has no realtime feature'
);
select is(
    private.quickbooks_receive_changes('realm-1', $$[
        {"entity": "Payment", "id": "7", "operation": "Update", "time": "2026-11-25T10:00:00+00:00"}
    ]$$),
    '{"received": 1, "duplicates": 1, "log_ids": []}'::jsonb,
    'the same change again (as CDC reports it) is a duplicate'
);
select is(
    (private.quickbooks_receive_changes('realm-2', $$[
        {"entity": "Payment", "id": "8", "operation": "Create", "time": "2026-11-25T10:01:00+00:00"}
    ]$$)) -> 'log_ids',
    '[]'::jsonb,
    'a realm no integration is connected to queues nothing'
);
select is(private.enqueue_quickbooks_cdc_polls(), 1, 'one CDC poll for the connected integration');
select is(
    (select count(*)::int from public.integration_sync_logs where action = 'qb_cdc_poll' and status = 'pending'),
    1, 'its run is pending'
);

select * from finish();
rollback;
