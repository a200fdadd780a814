-- Proves: private.cache_reference_items replaces the cached list of one
-- kind under one parent with the provider's whole answer: new items created, changed ones
-- updated, the same ones unchanged, missing ones deactivated (kept, with deactivated_at)
-- and reactivated when listed again; other parents and other integrations are untouched;
-- a null integration writes global rows; an unknown provider is PB404; workers only.
begin;
select plan(10);
select tests.companies_house_fixture();

create temporary table ch on commit drop as
select tests.integration_id('ca_project', 'companies_house') as pi, tests.integration_id('ch_other', 'companies_house') as other;

select is(
    private.cache_reference_items('companies_house', (select pi from ch), 'company_officer', '09876543', $$[
        {"external_id": "o1", "name": "RAMAN, Priya", "code": "director", "data": {"appointed_on": "2015-11-03"}},
        {"external_id": "o2", "name": "OKAFOR, Daniel", "code": "director"},
        {"external_id": "o3", "name": "ELLIS, Tom", "code": "director"}
    ]$$),
    '{"created": 3, "updated": 0, "unchanged": 0, "deactivated": 0}',
    'a first answer: every item created'
);
select private.cache_reference_items('companies_house', (select pi from ch), 'company_officer', '11223344',
    '[{"external_id": "h1", "name": "HARTLEY, James", "code": "director"}]');
select private.cache_reference_items('companies_house', (select other from ch), 'company_officer', '09876543',
    '[{"external_id": "o1", "name": "RAMAN, Priya", "code": "director"}]');

select is(
    private.cache_reference_items('companies_house', (select pi from ch), 'company_officer', '09876543', $$[
        {"external_id": "o1", "name": "RAMAN, Priya", "code": "director", "data": {"appointed_on": "2015-11-03"}},
        {"external_id": "o2", "name": "OKAFOR, Daniel", "code": "secretary"},
        {"external_id": "o4", "name": "NEW, Person", "code": "director"}
    ]$$),
    '{"created": 1, "updated": 1, "unchanged": 1, "deactivated": 1}',
    'the next answer: one new, one changed, one the same, one gone'
);
select results_eq(
    format($$select external_id, code, is_active, deactivated_at is not null
             from public.integration_reference_data where project_integration_id = %L and parent_external_id = '09876543'
             order by external_id$$, (select pi from ch)),
    $$values ('o1', 'director', true, false), ('o2', 'secretary', true, false), ('o3', 'director', false, true),
             ('o4', 'director', true, false)$$,
    'the gone officer is kept, deactivated with a time; the rest are active'
);
select is(
    (select count(*)::int from public.integration_reference_data
     where project_integration_id = (select pi from ch) and parent_external_id = '11223344' and is_active),
    1, 'another company''s list is untouched'
);
select is(
    (select count(*)::int from public.integration_reference_data
     where project_integration_id = (select other from ch) and is_active),
    1, 'another project''s list is untouched'
);
select is(
    private.cache_reference_items('companies_house', (select pi from ch), 'company_officer', '09876543', $$[
        {"external_id": "o3", "name": "ELLIS, Tom", "code": "director"}
    ]$$),
    '{"created": 0, "updated": 1, "unchanged": 0, "deactivated": 3}',
    'listed again: reactivated (an update); the others go'
);
select is(
    (select row(is_active, deactivated_at)::text from public.integration_reference_data
     where project_integration_id = (select pi from ch) and external_id = 'o3'),
    row(true, null::timestamptz)::text,
    'a reactivated item has no deactivated_at'
);

select is(
    private.cache_reference_items('companies_house', null, 'sic_code', null,
        '[{"external_id": "99998", "name": "Test activity", "code": "99998", "data": {"version": "2007"}}]'),
    '{"created": 1, "updated": 0, "unchanged": 0, "deactivated": 1265}',
    'a null integration replaces the global list (here: one code for the 1,265 seeded)'
);
select is(tests.error_of($$select private.cache_reference_items('nope', null, 'x', null, '[]')$$),
    'PB404: unknown provider "nope"', 'an unknown provider: PB404');
select is(
    tests.outcome('ca_owner', format($$select count(*) from private.cache_reference_items('companies_house', %L,
        'company_officer', '1', '[]')$$, (select pi from ch))),
    'permission denied', 'a signed-in owner may not write the cache'
);

select * from finish();
rollback;
