-- Proves: qb_company_info, verify_vendor_hash, verify_transaction_hash and qb_cdc_poll are
-- catalogue features (company_info, verify_vendor_hash, verify_transaction_hash, cdc_poll),
-- on request by default, that integration_request_sync queues under
-- integration:sync:quickbooks (owner and service_role queue; a member without it PB403; an
-- outsider PB404; anon no execute privilege); a verify takes the records to check, in the
-- project only; a whole-project feature takes no ids; Send To still pushes, never verifies.
begin;
select plan(11);
select tests.client_action_fixture();

select results_eq(
    $$select f.key, f.server_action, f.default_trigger::text, f.sync_direction::text, f.entity_type,
             f.default_trigger_config ->> 'entity', f.validation_action
      from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
      where p.key = 'quickbooks' and f.key in ('company_info', 'verify_vendor_hash', 'verify_transaction_hash', 'cdc_poll')
      order by f.sort_order$$,
    $$values ('company_info'::text, 'qb_company_info'::text, 'on_manual'::text, 'inbound'::text, 'company'::text,
              'projects'::text, null::text),
             ('verify_vendor_hash', 'verify_vendor_hash', 'on_manual', 'inbound', 'vendor', 'project_relationships', null),
             ('verify_transaction_hash', 'verify_transaction_hash', 'on_manual', 'inbound', 'transaction', 'transactions', null),
             ('cdc_poll', 'qb_cdc_poll', 'on_manual', 'inbound', 'change', 'projects', null)$$,
    'the four QuickBooks actions a person starts are features, run on request, reading QuickBooks'
);
select is(
    (select f.default_trigger_config -> 'filter' from public.integration_features as f
     join public.integration_providers as p on p.id = f.provider_id where p.key = 'quickbooks' and f.key = 'verify_vendor_hash'),
    '{"entity_type": "Business", "role_can_be_vendor": true}'::jsonb,
    'verify_vendor_hash takes the relationships the vendors feature takes'
);

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values
('ca_owner', 'ok', 1), ('service_role', 'ok', 1), ('ca_member', 'PB403', 0), ('ca_outsider', 'PB404', 0),
('anon', '42501', 0);

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, format('select public.integration_request_sync(%L, %L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), 'verify_vendor_hash', array[tests.id('rel_vendor')]))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('verify a supplier as %s: %s', m.actor, m.expected)
)
from matrix as m;

select tests.authenticate_as('ca_owner');
create temporary table requested on commit drop as
select
    public.integration_request_sync(
        tests.integration_id('ca_project', 'quickbooks'), 'verify_vendor_hash', array[tests.id('rel_vendor')::text]
    ) as verify,
    public.integration_request_sync(tests.integration_id('ca_project', 'quickbooks'), 'company_info') as info,
    public.integration_request_sync(tests.integration_id('ca_project', 'quickbooks'), 'cdc_poll') as poll;
select tests.clear_authentication();

select results_eq(
    $$select l.action, l.trigger_type::text, l.entity_type, l.entity_id, l.requested_by
      from requested as r
      cross join lateral (values (r.verify), (r.info), (r.poll)) as q (result)
      join public.integration_sync_logs as l on l.id = (q.result #>> '{log_ids,0}')::uuid
      order by l.action$$,
    $$values ('qb_cdc_poll'::text, 'on_manual'::text, 'change'::text, null::text, tests.user_id('ca_owner')),
             ('qb_company_info', 'on_manual', 'company', null, tests.user_id('ca_owner')),
             ('verify_vendor_hash', 'on_manual', 'vendor', tests.id('rel_vendor')::text, tests.user_id('ca_owner'))$$,
    'the owner''s requests queue one on_manual run each: a supplier''s verify, company info, a CDC poll'
);

select tests.authenticate_as('ca_owner');
select is(
    public.integration_request_sync(
        tests.integration_id('ca_project', 'quickbooks'), 'verify_transaction_hash', array[tests.id('elsewhere')::text]
    ) -> 'errors' -> 0 ->> 'code',
    'not_found',
    'a record outside the project is not verified: not_found, nothing queued'
);
select is(
    tests.error_of(format('select public.integration_request_sync(%L, %L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), 'company_info', array['x'])),
    'PB422: Company info runs for the whole project; pass no entity ids',
    'company info takes no record ids'
);
create temporary table sent on commit drop as
select public.integration_send_to('quickbooks', 'relationship', tests.id('rel_new')) as r;
select tests.clear_authentication();
select is(
    (select pg_catalog.array_agg(l.action order by l.action) from public.integration_sync_logs as l
     where l.id in (select jsonb_array_elements_text(s.r -> 'log_ids')::uuid from sent as s)),
    array['sync_vendor'],
    'Send To a supplier still pushes it and never verifies'
);

select * from finish();
rollback;
