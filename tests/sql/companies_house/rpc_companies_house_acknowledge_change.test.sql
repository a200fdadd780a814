-- Proves: companies_house_acknowledge_change -- permission matrix (owner
-- and service_role clear the flag; a member without integration:sync:companies_house
-- PB403; an outsider PB404; anon no execute privilege; nothing changed when refused);
-- acknowledging marks each pending change with who and when, clears the link's flag and
-- keeps the history in the view; twice acknowledges nothing more; a change found later
-- flags the link again; an id that is no Companies House company link is PB404.
begin;
select plan(15);
select tests.companies_house_fixture();

insert into public.integration_entity_mappings (id, project_integration_id, entity_type, internal_id, external_id)
values (tests.id('map_bright'), tests.integration_id('ca_project', 'companies_house'), 'company', tests.id('ch_rel'), '09876543');
select private.companies_house_apply_profile(tests.integration_id('ca_project', 'companies_house'), tests.id('ch_rel'),
    tests.ch_profile('09876543', 'BRIGHTWATER SOFTWARE LTD'));
select private.companies_house_apply_profile(tests.integration_id('ca_project', 'companies_house'), tests.id('ch_rel'),
    tests.ch_profile('09876543', 'BRIGHTWATER SOFTWARE LTD', 'dissolved'));

create function pg_temp.acknowledge_as(p_actor text, p_mapping uuid) returns jsonb language sql as $$
    select tests.rpc_outcome(p_actor, null, format('select public.companies_house_acknowledge_change(%L)', p_mapping),
        'select count(*) from public.integration_entity_mappings where not is_stale')
$$;

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values
('ca_owner', 'ok', 1), ('service_role', 'ok', 1), ('ca_member', 'PB403', 0), ('ca_outsider', 'PB404', 0),
('ch_other_owner', 'PB404', 0), ('anon', '42501', 0);
select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select pg_temp.acknowledge_as(m.actor, tests.id('map_bright'))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('acknowledge as %s: %s', m.actor, m.expected)
)
from matrix as m;
select is(
    (select o ->> 'message' from (select pg_temp.acknowledge_as('ca_member', tests.id('map_bright'))) as q (o)),
    'you need the integration:sync:companies_house permission in this project',
    'PB403 names the permission'
);

select tests.authenticate_as('ca_owner');
select is(
    public.companies_house_acknowledge_change(tests.id('map_bright')),
    jsonb_build_object('mapping_id', tests.id('map_bright'), 'company_number', '09876543', 'acknowledged', 1,
        'needs_review', false),
    'the owner acknowledges the one pending change'
);
select is(
    public.companies_house_acknowledge_change(tests.id('map_bright')) ->> 'acknowledged', '0',
    'acknowledging again: nothing more');
select tests.clear_authentication();
select is(
    (select row(is_stale, stale_reason)::text from public.integration_entity_mappings where id = tests.id('map_bright')),
    row(false, null::text)::text, 'the link is no longer flagged');
select is(
    (select row(change, needs_review, acknowledged_by, acknowledged_at = now())::text
     from public.v_companies_house_company_changes where mapping_id = tests.id('map_bright')),
    row('dissolved', false, tests.user_id('ca_owner'), true)::text,
    'the view keeps the change, acknowledged by the owner now');

select private.companies_house_apply_profile(tests.integration_id('ca_project', 'companies_house'), tests.id('ch_rel'),
    tests.ch_profile('09876543', 'BRIGHTWATER REBORN LTD', 'dissolved'));
select results_eq(
    format($$select change, needs_review from public.v_companies_house_company_changes where mapping_id = %L
             order by detected_at, change$$, tests.id('map_bright')),
    $$values ('dissolved', false), ('name_changed', true)$$,
    'a change found later flags the link again; the acknowledged one stays acknowledged'
);

create temporary table cases (n integer, description text, mapping uuid) on commit drop;
insert into cases values
(1, 'no such mapping', tests.id('nothing')),
(2, 'a QuickBooks mapping', (select id from public.integration_entity_mappings where entity_type = 'vendor' limit 1)),
(3, 'null', null);
select is(
    (select o ->> 'outcome' from (select pg_temp.acknowledge_as('ca_owner', c.mapping)) as q (o)),
    'PB404', format('%s: %s -- PB404', c.n, c.description)
)
from cases as c order by c.n;

select * from finish();
rollback;
