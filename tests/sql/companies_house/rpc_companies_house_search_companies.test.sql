-- Proves: companies_house_search_companies -- permission matrix (owner and
-- service_role queue; a member without integration:sync:companies_house PB403; an outsider
-- PB404; anon no execute privilege; nothing written when refused); the owner's search is
-- one pending on_manual ch_company_search run naming the person; a QuickBooks integration's
-- id is PB404; an empty or over-long query and a limit outside 1-100 are PB422; a switched
-- off integration is PB409.
begin;
select plan(10);
select tests.companies_house_fixture();

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values
('ca_owner', 'ok', 1), ('service_role', 'ok', 1), ('ca_member', 'PB403', 0), ('ca_outsider', 'PB404', 0),
('anon', '42501', 0);
select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, format('select public.companies_house_search_companies(%L, %L)',
        tests.integration_id('ca_project', 'companies_house'), 'brightwater'))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('search as %s: %s', m.actor, m.expected)
)
from matrix as m;

select tests.authenticate_as('ca_owner');
create temporary table searched on commit drop as
select public.companies_house_search_companies(tests.integration_id('ca_project', 'companies_house'), ' brightwater ', 5) as r;
select tests.clear_authentication();
select is(
    (select row(l.action, l.status, l.trigger_type, l.entity_type, l.feature_id, l.requested_by)::text
     from public.integration_sync_logs as l where l.id = (select (r #>> '{log_ids,0}')::uuid from searched)),
    row('ch_company_search', 'pending', 'on_manual', 'company', null::uuid, tests.user_id('ca_owner'))::text,
    'a search is one pending on_manual ch_company_search run, by the person'
);

select tests.authenticate_as('ca_owner');
select is(
    tests.error_of(format('select public.companies_house_search_companies(%L, %L)',
        tests.integration_id('ca_project', 'quickbooks'), 'brightwater')),
    format('PB404: integration %s is not a Companies House integration', tests.integration_id('ca_project', 'quickbooks')),
    'a QuickBooks integration cannot search the register'
);
select is(
    tests.error_of(format('select public.companies_house_search_companies(%L, %L)',
        tests.integration_id('ca_project', 'companies_house'), '   ')),
    'PB422: query: give a company name or number to search for (at most 160 characters)',
    'an empty query is refused'
);
select is(
    tests.error_of(format('select public.companies_house_search_companies(%L, %L, 101)',
        tests.integration_id('ca_project', 'companies_house'), 'brightwater')),
    'PB422: limit: give a number from 1 to 100',
    'a limit over 100 is refused'
);
select tests.clear_authentication();
update public.project_integrations set is_enabled = false
where id = tests.integration_id('ca_project', 'companies_house');
select tests.authenticate_as('ca_owner');
select is(
    tests.error_of(format('select public.companies_house_search_companies(%L, %L)',
        tests.integration_id('ca_project', 'companies_house'), 'brightwater')),
    'PB409: Companies House is switched off for this project',
    'a switched-off integration does not search'
);
select tests.clear_authentication();

select * from finish();
rollback;
