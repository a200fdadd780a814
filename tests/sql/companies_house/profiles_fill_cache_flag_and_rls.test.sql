-- Proves: private.companies_house_apply_profile caches a company profile
-- per project integration and fills the linked relationship group by group (registered
-- address, SIC codes, status, legal name) only where it is empty or still holds what
-- Plugboard filled; a value a person typed is never overwritten. Against the cached
-- profile it records dissolution and name changes and flags the link stale with the
-- reason. RLS: members read their own project's cached profiles, no other project's;
-- anon reads nothing; clients cannot call the function.
begin;
select plan(15);
select tests.companies_house_fixture();

create temporary table ch on commit drop as
select tests.integration_id('ca_project', 'companies_house') as pi;
insert into public.integration_entity_mappings (id, project_integration_id, entity_type, internal_id, external_id)
values
(tests.id('map_bright'), (select pi from ch), 'company', tests.id('ch_rel'), '09876543'),
(tests.id('map_typed'), (select pi from ch), 'company', tests.id('ch_rel_typed'), '11223344');

create function pg_temp.filled(p_result jsonb) returns text[] language sql as $$
    select coalesce(array_agg(f order by f), '{}') from jsonb_array_elements_text(p_result -> 'filled') as f
$$;
create function pg_temp.changes(p_result jsonb) returns text[] language sql as $$
    select coalesce(array_agg(c ->> 'kind' || ':' || (c ->> 'previous') || '>' || (c ->> 'current') order by c ->> 'kind'), '{}')
    from jsonb_array_elements(p_result -> 'changes') as c
$$;

select is(
    pg_temp.filled(private.companies_house_apply_profile((select pi from ch), tests.id('ch_rel'),
        tests.ch_profile('09876543', 'BRIGHTWATER SOFTWARE LTD'))),
    '{address,company_status,legal_name,sic_codes}',
    'an empty relationship: every group filled'
);
select is(
    (select row(legal_name, address_line1, city, postal_code, country_code, sic_codes, company_status, company_number)::text
     from public.project_relationships where id = tests.id('ch_rel')),
    row('BRIGHTWATER SOFTWARE LTD', 'Unit 4 Canal Wharf', 'Leeds', 'LS11 5PS', 'GB', '{62012}'::text [], 'active',
        '09876543')::text,
    'the relationship holds the registered office, SIC codes, status and legal name'
);
select is(
    (select row(kind, name, parent_external_id, data -> 'profile' ->> 'company_status',
        jsonb_typeof(data -> 'filled'), data -> 'changes')::text
     from public.integration_reference_data where project_integration_id = (select pi from ch) and external_id = '09876543'),
    row('company', 'BRIGHTWATER SOFTWARE LTD', '09876543', 'active', 'object', '[]'::jsonb)::text,
    'the profile is cached as the company''s reference row, with what was filled and no changes yet'
);

select is(
    pg_temp.filled(private.companies_house_apply_profile((select pi from ch), tests.id('ch_rel_typed'),
        tests.ch_profile('11223344', 'HARTLEY & SONS BAKERY LIMITED'))),
    '{company_status,sic_codes}',
    'typed legal name and postcode: those groups are left alone'
);
select is(
    (select row(legal_name, postal_code, city)::text from public.project_relationships where id = tests.id('ch_rel_typed')),
    row('Typed Legal Ltd', 'AB1 2CD', null::text)::text,
    'what a person typed stays; a group is filled whole or not at all'
);

create temporary table second_apply on commit drop as
select private.companies_house_apply_profile((select pi from ch), tests.id('ch_rel'),
    tests.ch_profile('09876543', 'BRIGHTWATER HOLDINGS LTD', 'dissolved')) as r;
select is(pg_temp.changes((select r from second_apply)),
    '{"dissolved:active>dissolved","name_changed:BRIGHTWATER SOFTWARE LTD>BRIGHTWATER HOLDINGS LTD"}',
    'dissolved and renamed: both changes recorded');
select is(
    (select row(legal_name, company_status)::text from public.project_relationships where id = tests.id('ch_rel')),
    row('BRIGHTWATER HOLDINGS LTD', 'dissolved')::text,
    'values Plugboard filled follow the register'
);
select is(
    (select row(is_stale, stale_reason)::text from public.integration_entity_mappings where id = tests.id('map_bright')),
    row(true, 'Company 09876543 was dissolved (was active); '
        || 'Company 09876543 changed its name from "BRIGHTWATER SOFTWARE LTD" to "BRIGHTWATER HOLDINGS LTD"')::text,
    'the link is flagged with the reasons'
);

update public.project_relationships set legal_name = 'Brightwater (ours)' where id = tests.id('ch_rel');
select is(
    pg_temp.changes(private.companies_house_apply_profile((select pi from ch), tests.id('ch_rel'),
        tests.ch_profile('09876543', 'BRIGHTWATER GROUP LTD', 'dissolved'))),
    '{"name_changed:BRIGHTWATER HOLDINGS LTD>BRIGHTWATER GROUP LTD"}',
    'a later rename is recorded'
);
select is((select legal_name from public.project_relationships where id = tests.id('ch_rel')), 'Brightwater (ours)',
    'a legal name a person changed is not overwritten by the rename');
select is(
    (select jsonb_array_length(data -> 'changes') from public.integration_reference_data
     where project_integration_id = (select pi from ch) and external_id = '09876543'),
    3, 'the cached changes keep the history');

select is(
    tests.outcome('ca_member', format($$select count(*) from public.integration_reference_data
        where project_integration_id = %L and kind = 'company'$$, (select pi from ch))),
    'rows 2', 'a member (no permissions) reads the project''s cached profiles');
select is(
    tests.outcome('ch_other_owner', $$select count(*) from public.integration_reference_data where kind = 'company'$$),
    'rows 0', 'the owner of another project reads none of them');
select is(
    tests.outcome('anon', $$select count(*) from public.integration_reference_data$$),
    'rows 0', 'anon reads nothing (no policy for anon), not even the global SIC codes');
select is(
    tests.outcome('ca_owner', format($$select count(*) from private.companies_house_apply_profile(%L, null, '{}')$$,
        (select pi from ch))),
    'permission denied', 'clients cannot apply a profile');

select * from finish();
rollback;
