-- Proves: companies_house_link_company -- permission matrix (owner and
-- service_role link; a member without integration:sync:companies_house PB403; an outsider
-- PB404; anon no execute privilege; nothing written when refused); the happy path
-- normalises the number, keeps it on the relationship, links it (a mapping created_via
-- link by the person) and queues the three on_link runs in the same transaction; a bad
-- number, an individual or a company linked elsewhere come back as errors with nothing
-- written; linking the same company again changes nothing; another company replaces the link.
begin;
select plan(18);
select tests.companies_house_fixture();

create function pg_temp.link_as(p_actor text, p_relationship text, p_number text, p_setup text default null)
returns jsonb language sql as $$
    select tests.rpc_outcome(p_actor, p_setup,
        format('select public.companies_house_link_company(%L, %L)', tests.id(p_relationship), p_number),
        'select (select count(*) from public.integration_sync_logs) + (select count(*) from public.integration_entity_mappings)')
$$;

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values
('ca_owner', 'ok', 4), ('service_role', 'ok', 4), ('ca_member', 'PB403', 0), ('ca_outsider', 'PB404', 0),
('anon', '42501', 0);
select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select pg_temp.link_as(m.actor, 'ch_rel', '9876543')) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('link as %s: %s (a mapping and three runs written, or nothing)', m.actor, m.expected)
)
from matrix as m;

select tests.authenticate_as('ca_owner');
create temporary table linked on commit drop as
select public.companies_house_link_company(tests.id('ch_rel'), ' 9876543 ') as r;
select tests.clear_authentication();
select is(
    (select r - 'mapping_id' - 'log_ids' from linked),
    '{"linked": true, "company_number": "09876543", "errors": []}',
    'linked, the number normalised'
);
select is(
    (select row(m.entity_type, m.internal_id, m.external_id, m.created_via, m.created_by, rel.company_number)::text
     from public.integration_entity_mappings as m join public.project_relationships as rel on rel.id::text = m.internal_id
     where m.id = (select (r ->> 'mapping_id')::uuid from linked)),
    row('company', tests.id('ch_rel')::text, '09876543', 'link', tests.user_id('ca_owner'), '09876543')::text,
    'the link is a mapping by the person; the relationship keeps the number'
);
select results_eq(
    $$select l.action, l.status::text, l.trigger_type::text, l.entity_id, l.requested_by
      from public.integration_sync_logs as l
      where l.id in (select jsonb_array_elements_text(r -> 'log_ids')::uuid from linked) order by l.action$$,
    format($$values ('ch_company_profile', 'pending', 'on_link', %1$L, %2$L::uuid),
                    ('ch_officers', 'pending', 'on_link', %1$L, %2$L::uuid),
                    ('ch_persons_with_significant_control', 'pending', 'on_link', %1$L, %2$L::uuid)$$,
        tests.id('ch_rel'), tests.user_id('ca_owner')),
    'profile, officers and PSCs are queued for the relationship, naming the person'
);
select is(
    (select (o -> 'result') - 'mapping_id' from (select pg_temp.link_as('ca_owner', 'ch_rel', '09876543')) as q (o)),
    (select r - 'mapping_id' || '{"log_ids": []}' from linked),
    'the same company again: linked, nothing queued'
);
select is((select (o ->> 'written')::int from (select pg_temp.link_as('ca_owner', 'ch_rel', '09876543')) as q (o)), 0,
    'the same company again: nothing written');

create temporary table cases (n integer, description text, relationship text, number text, expected jsonb) on commit drop;
insert into cases values
(1, 'letters where digits belong', 'ch_rel_typed', 'AB12CD34', '{"errors": ["invalid_format@company_number"], "written": 0}'),
(6, 'a prefix the register does not use', 'ch_rel_typed', 'XY123456',
    '{"errors": ["unknown_prefix@company_number"], "written": 0}'),
(2, 'no number at all', 'ch_rel_typed', null, '{"errors": ["required@company_number"], "written": 0}'),
(3, 'all zeros', 'ch_rel_typed', '00000000', '{"errors": ["invalid_format@company_number"], "written": 0}'),
(4, 'an individual', 'ch_person', '11223344', '{"errors": ["not_a_business@relationship_id"], "written": 0}'),
(5, 'a company linked to another relationship', 'ch_rel_typed', '09876543',
    '{"errors": ["already_linked@company_number"], "written": 0}');
select is(
    (select jsonb_build_object('errors', to_jsonb(tests.error_keys(o -> 'result')), 'written', (o ->> 'written')::int)
     from (select pg_temp.link_as('ca_owner', c.relationship, c.number)) as q (o)),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c order by c.n;

select is(
    (select (o -> 'result' ->> 'linked')::boolean
     from (select pg_temp.link_as('ca_owner', 'ch_rel', '11223344')) as q (o)),
    true, 'another company replaces the link');
select is(
    tests.rpc_outcome('ca_owner', null, format('select public.companies_house_link_company(%L, %L)',
        tests.id('ch_other_rel'), '11223344')) ->> 'outcome',
    'PB404', 'a relationship of a project the caller is not in: PB404');

select * from finish();
rollback;
