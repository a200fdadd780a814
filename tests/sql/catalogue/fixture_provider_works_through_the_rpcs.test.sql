-- Proves: the fixture provider fixture_ledger, added by one SQL file
-- (tests/fixture_provider/fixture_ledger.sql: a registration call and its client action)
-- and nothing else, works as a provider: a GB project gets it switched on; its client
-- action runs through integration_client_action; integration_send_to re-runs its
-- validation action (refusing a USD transaction with the action's error) and queues a
-- GBP one for the project's owner, who holds integration:sync:fixture_ledger by rule; a
-- member without it gets PB403 naming it.
begin;
select plan(6);
select tests.client_action_fixture();

select results_eq(
    $$select pi.is_enabled, pi.enabled_by from public.project_integrations as pi
      join public.integration_providers as p on p.id = pi.provider_id
      where pi.project_id = tests.id('ca_project') and p.key = 'fixture_ledger'$$,
    $$values (true, 'auto')$$,
    'a GB project gets fixture_ledger switched on'
);

update public.transactions set currency_code = 'USD' where id = tests.id('tx_bill');

select tests.authenticate_as('ca_owner');
select is(
    public.integration_client_action('fixture_ledger', 'validate_entry', jsonb_build_object('transaction_id', tests.id('tx_expense'))),
    jsonb_build_object('valid', true, 'errors', '[]'::jsonb, 'data', jsonb_build_object('transaction_id', tests.id('tx_expense'))),
    'its client action runs through integration_client_action: a GBP transaction is valid'
);
select is(
    public.integration_send_to('fixture_ledger', 'transaction', tests.id('tx_bill')) -> 'errors',
    jsonb_build_array(jsonb_build_object(
        'entity_id', tests.id('tx_bill'), 'feature', 'entries', 'code', 'currency_not_supported',
        'field', 'currency_code', 'message', 'Fixture Ledger books GBP only, not USD'
    )),
    'Send To re-runs its validation action: a USD transaction is refused with the action''s error'
);
select tests.clear_authentication();

select tests.authenticate_as('ca_owner');
select is(
    public.integration_send_to('fixture_ledger', 'transaction', tests.id('tx_expense')) -> 'queued', 'true',
    'the owner queues a GBP transaction'
);
select tests.clear_authentication();
select results_eq(
    $$select l.action, l.status::text, l.trigger_type::text, f.key from public.integration_sync_logs as l
      join public.integration_providers as p on p.id = l.provider_id
      join public.integration_features as f on f.id = l.feature_id
      where p.key = 'fixture_ledger'$$,
    $$values ('push_entry', 'pending', 'on_manual', 'entries')$$,
    'one pending on_manual run of the entries feature''s server action'
);
select is(
    (select o ->> 'message' from (select tests.rpc_outcome('ca_member', null, format(
        'select public.integration_send_to(%L, %L, %L)', 'fixture_ledger', 'transaction', tests.id('tx_expense')))) as q (o)),
    'you need the integration:sync:fixture_ledger permission in this project',
    'a member without the permission is refused, the permission named'
);

select * from finish();
rollback;
