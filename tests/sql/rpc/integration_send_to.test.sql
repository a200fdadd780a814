-- Proves: integration_send_to ("Send To") -- permission matrix (owner and service_role
-- queue; a member without integration:sync:quickbooks gets PB403, an outsider PB404, anon
-- no execute privilege; nothing written when refused); the client validation re-runs
-- (an invalid record returns its errors and writes nothing); one pending on_manual log per
-- enabled feature that takes the record, with requested_by; PB422 / PB404 / PB409 cases.
begin;
select plan(21);
select tests.client_action_fixture();

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values
('ca_owner', 'ok', 1), ('service_role', 'ok', 1), ('ca_member', 'PB403', 0), ('ca_outsider', 'PB404', 0),
('anon', '42501', 0);

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, format(
        'select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'transaction', tests.id('tx_expense')))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('send a transaction as %s: %s, %s log(s) written', m.actor, m.expected, m.written)
)
from matrix as m;

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, format(
        'select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'relationship', tests.id('rel_new')))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('send a relationship as %s: %s', m.actor, m.expected)
)
from matrix as m;

-- the pending log
select tests.authenticate_as('ca_owner');
create temporary table sent on commit drop as
select public.integration_send_to('quickbooks', 'transaction', tests.id('tx_expense')) as r;
select tests.clear_authentication();
select is((select r -> 'queued' from sent), 'true', 'a valid transaction is queued');
select is(
    (select jsonb_build_object('status', l.status, 'trigger', l.trigger_type, 'action', l.action,
        'entity_type', l.entity_type, 'entity_id', l.entity_id, 'direction', l.direction, 'feature', f.key,
        'requested_by', l.requested_by, 'params', l.details -> 'params')
     from public.integration_sync_logs as l join public.integration_features as f on f.id = l.feature_id
     where l.id = (select (r #>> '{log_ids,0}')::uuid from sent)),
    jsonb_build_object('status', 'pending', 'trigger', 'on_manual', 'action', 'sync_transaction',
        'entity_type', 'transaction', 'entity_id', tests.id('tx_expense')::text, 'direction', 'outbound',
        'feature', 'expenses', 'requested_by', tests.user_id('ca_owner'),
        'params', jsonb_build_object('feature', 'expenses', 'entity_id', tests.id('tx_expense'))),
    'the log: pending, on_manual, sync_transaction of the expense, by the owner'
);

-- validation re-runs; nothing written when it refuses
select is(
    (select jsonb_build_object('queued', o #> '{result,queued}', 'errors', tests.error_keys(o -> 'result'),
        'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome('ca_owner',
        $$update public.transactions set status = 'Draft' where id = tests.id('tx_expense')$$,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'transaction', tests.id('tx_expense'))))
        as q (o)),
    jsonb_build_object('queued', false, 'errors', '{status_not_approved@status}'::text[], 'written', 0),
    'an invalid transaction: its errors come back and nothing is written'
);
select is(
    (select (o #> '{result,errors,0}') - 'message'::text from (select tests.rpc_outcome('ca_owner',
        $$update public.transactions set status = 'Draft' where id = tests.id('tx_expense')$$,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'transaction', tests.id('tx_expense'))))
        as q (o)),
    jsonb_build_object('entity_id', tests.id('tx_expense')::text, 'feature', 'expenses', 'code', 'status_not_approved',
        'field', 'status'),
    'each error names the record and the feature'
);
select is(
    (select (o ->> 'written')::int from (select tests.rpc_outcome('ca_owner',
        $$update public.project_relationships set role_can_be_customer = true where id = tests.id('rel_new')$$,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'relationship', tests.id('rel_new'))))
        as q (o)),
    2, 'a supplier that is also a customer goes as a Vendor and a Customer: two logs'
);
select is(
    (select tests.error_keys(o -> 'result') from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_send_to(%L, %L, %L)', 'hmrc', 'transaction', tests.id('tx_expense'))))
        as q (o)),
    '{no_feature_covers@entity_type}'::text[], 'a provider with no feature for the record: an error, nothing queued'
);
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'invoice', tests.id('tx_expense'))))
        as q (o)),
    'PB422', 'an entity type other than relationship / transaction: PB422');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_send_to(%L, %L, %L)', 'no-such-provider', 'transaction', tests.id('tx_expense'))))
        as q (o)),
    'PB404', 'an unknown provider (a key the catalogue cannot hold): PB404');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'transaction', tests.id('nothing'))))
        as q (o)),
    'PB404', 'an unknown record: PB404');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner',
        $$update public.project_integrations set is_enabled = false where project_id = tests.id('ca_project')$$,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'transaction', tests.id('tx_expense'))))
        as q (o)),
    'PB409', 'integration switched off: PB409');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner',
        $$delete from public.project_integrations where project_id = tests.id('ca_project')
          and provider_id = (select id from public.integration_providers where key = 'quickbooks')$$,
        format('select public.integration_send_to(%L, %L, %L)', 'quickbooks', 'transaction', tests.id('tx_expense'))))
        as q (o)),
    'PB409', 'no such integration in the project: PB409');

select * from finish();
rollback;
