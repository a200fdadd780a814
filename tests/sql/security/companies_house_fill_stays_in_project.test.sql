-- Proves: private.companies_house_apply_profile (redefined in 20261203300000) fills only a
-- relationship of its integration's own project. Given another project's Companies House
-- integration (as a link written by an owner of that project would make the worker call
-- it), it raises PB404 naming only the id it was given, writes nothing on the relationship
-- and caches nothing; for a relationship of its own project it fills as before.
begin;
select plan(5);
select tests.companies_house_fixture();

create temporary table other on commit drop as
select tests.integration_id('ch_other', 'companies_house') as pi;

select is(
    tests.error_of(format(
        'select private.companies_house_apply_profile(%L, %L, %L)',
        (select pi from other), tests.id('ch_rel'), tests.ch_profile('09876543', 'BRIGHTWATER SOFTWARE LTD')
    )),
    format('PB404: there is no relationship %s in this integration''s project', tests.id('ch_rel')),
    'another project''s relationship: PB404, naming only the id given'
);
-- the call as the worker makes it, its refusal caught: whatever it wrote would stay
do $$
begin
    perform private.companies_house_apply_profile(
        tests.integration_id('ch_other', 'companies_house'), tests.id('ch_rel'),
        tests.ch_profile('09876543', 'BRIGHTWATER SOFTWARE LTD')
    );
exception
    when sqlstate 'PB404' then
        null;
end
$$;
select is(
    (select row(legal_name, company_number, sic_codes, address_line1)::text
     from public.project_relationships where id = tests.id('ch_rel')),
    row(null::text, null::text, null::text [], null::text)::text,
    'that relationship is not written'
);
select is(
    (select count(*) from public.integration_reference_data where project_integration_id = (select pi from other)),
    0::bigint,
    'nothing is cached for the integration that asked'
);
select lives_ok(
    format(
        'select private.companies_house_apply_profile(%L, %L, %L)',
        (select pi from other), tests.id('ch_other_rel'), tests.ch_profile('01234567', 'OTHER LIMITED')
    ),
    'its own project''s relationship: applied'
);
select is(
    (select legal_name from public.project_relationships where id = tests.id('ch_other_rel')),
    'OTHER LIMITED',
    'and filled as before'
);

select * from finish();
rollback;
