-- Proves: integration_request_sync -- permission matrix (owner and service_role queue; a
-- member without integration:sync:<provider> PB403; an outsider PB404; anon no execute
-- privilege; nothing written when refused); a whole-project feature writes one pending
-- on_manual log without an entity; records are de-duplicated and re-validated (any refusal
-- returns the errors and writes nothing); PB422 / PB404 / PB409 cases.
begin;
select plan(18);
select tests.client_action_fixture();

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values
('ca_owner', 'ok', 1), ('service_role', 'ok', 1), ('ca_member', 'PB403', 0), ('ca_outsider', 'PB404', 0),
('anon', '42501', 0);

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, format('select public.integration_request_sync(%L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), 'chart_of_accounts'))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('request the chart of accounts as %s: %s', m.actor, m.expected)
)
from matrix as m;

select tests.authenticate_as('ca_owner');
create temporary table requested on commit drop as
select public.integration_request_sync(tests.integration_id('ca_project', 'quickbooks'), 'chart_of_accounts') as r;
select tests.clear_authentication();
select is(
    (select jsonb_build_object('status', l.status, 'trigger', l.trigger_type, 'action', l.action, 'entity_id', l.entity_id,
        'direction', l.direction, 'requested_by', l.requested_by)
     from public.integration_sync_logs as l where l.id = (select (r #>> '{log_ids,0}')::uuid from requested)),
    jsonb_build_object('status', 'pending', 'trigger', 'on_manual', 'action', 'qb_chart_of_accounts', 'entity_id', null,
        'direction', 'inbound', 'requested_by', tests.user_id('ca_owner')),
    'a whole-project run: one pending on_manual log, no entity, by the owner'
);

create temporary table cases (n integer, description text, setup text, feature text, ids text, expected jsonb)
on commit drop;
insert into cases values
(1, 'a bill among expenses is refused, so nothing is written', null, 'expenses',
    format('{%s,%s,%s}', tests.id('tx_expense'), tests.id('tx_expense'), tests.id('tx_bill')),
    '{"outcome": "ok", "queued": false, "errors": ["not_covered_by_feature@feature"], "written": 0}'),
(2, 'the same list once valid: repeated ids collapse, one log per record',
    $$update public.transactions set transaction_type = 'Expense', payment_method = 'Cash',
      payment_account_code = '1200' where id = tests.id('tx_bill')$$, 'expenses',
    format('{%s,%s,%s}', tests.id('tx_expense'), tests.id('tx_expense'), tests.id('tx_bill')),
    '{"outcome": "ok", "queued": true, "errors": [], "written": 2}'),
(3, 'an id that is not a uuid', null, 'expenses', '{nope}',
    '{"outcome": "ok", "queued": false, "errors": ["invalid_format@entity_ids"], "written": 0}'),
(4, 'a record of another project', null, 'expenses', format('{%s}', tests.id('elsewhere')),
    '{"outcome": "ok", "queued": false, "errors": ["not_found@entity_ids"], "written": 0}'),
(5, 'records for a whole-project feature', null, 'chart_of_accounts', format('{%s}', tests.id('tx_expense')),
    '{"outcome": "PB422", "written": 0}'),
(6, 'an empty list', null, 'expenses', '{}', '{"outcome": "PB422", "written": 0}'),
(7, 'an unknown feature', null, 'payroll', null, '{"outcome": "PB404", "written": 0}'),
(8, 'a feature switched off',
    $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
      select tests.integration_id('ca_project', 'quickbooks'), f.id, false from public.integration_features f
      join public.integration_providers p on p.id = f.provider_id where p.key = 'quickbooks' and f.key = 'classes'
      on conflict (project_integration_id, feature_id) do update set is_enabled = false$$,
    'classes', null, '{"outcome": "PB409", "written": 0}'),
(9, 'the integration switched off',
    $$update public.project_integrations set is_enabled = false where project_id = tests.id('ca_project')$$,
    'classes', null, '{"outcome": "PB409", "written": 0}');

select is(
    (select jsonb_strip_nulls(jsonb_build_object('outcome', o ->> 'outcome', 'queued', o #> '{result,queued}',
        'errors', case when o ? 'result' then to_jsonb(tests.error_keys(o -> 'result')) end,
        'written', (o ->> 'written')::int))
     from (select tests.rpc_outcome('ca_owner', c.setup, format('select public.integration_request_sync(%L, %L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), c.feature, c.ids))) as q (o)),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c
order by c.n;

select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null, format(
        'select public.integration_request_sync(%L, %L)', tests.integration_id('ca_project', 'hmrc'),
        'corporation_tax_reference'))) as q (o)),
    'PB409', 'a feature with nothing to run (no server action): PB409');
select is(
    (select o ->> 'message' from (select tests.rpc_outcome('ca_member', null, format(
        'select public.integration_request_sync(%L, %L)', tests.integration_id('ca_project', 'hmrc'),
        'vat_obligations'))) as q (o)),
    'you need the integration:sync:hmrc permission in this project', 'the PB403 message names the permission');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null,
        format('select public.integration_request_sync(%L, %L)', tests.id('nothing'), 'classes'))) as q (o)),
    'PB404', 'an unknown project integration: PB404');

select * from finish();
rollback;
