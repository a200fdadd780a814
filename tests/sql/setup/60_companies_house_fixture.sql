-- The Companies House tests' fixture, built inside the test's transaction on top of the
-- client-action fixture (users ca_owner: every permission, ca_member: none, ca_outsider:
-- no membership; GB project ca_project): its Companies House integration Connected, a
-- second GB project (ch_other, owner ch_other_owner) and business relationships:
--   ch_rel       'Brightwater' (nothing typed)
--   ch_rel_typed 'Typed Ltd', legal name and postcode typed by a person
--   ch_person    an individual
--   ch_other_rel in ch_other
-- tests.ch_profile(number, name, status) is a profile as Companies House serves it.
-- Applied by tests/run.py to the test database only; never a migration.

create or replace function tests.companies_house_fixture()
returns void
language plpgsql
as $$
begin
    perform tests.client_action_fixture();
    perform tests.create_user('ch_other_owner');
    insert into public.projects (id, name, country_code) values (tests.id('ch_other'), 'Other', 'GB');
    perform tests.add_member(tests.id('ch_other'), 'ch_other_owner', 'project:owner');
    update public.project_integrations as pi set status = 'Connected'
    from public.integration_providers as p
    where pi.provider_id = p.id and p.key = 'companies_house';
    insert into public.project_relationships (id, project_id, entity_type, display_name, legal_name, postal_code)
    values
    (tests.id('ch_rel'), tests.id('ca_project'), 'Business', 'Brightwater', null, null),
    (tests.id('ch_rel_typed'), tests.id('ca_project'), 'Business', 'Typed Ltd', 'Typed Legal Ltd', 'AB1 2CD'),
    (tests.id('ch_person'), tests.id('ca_project'), 'Individual', 'Jo Bloggs', null, null),
    (tests.id('ch_other_rel'), tests.id('ch_other'), 'Business', 'Other Ltd', null, null);
end
$$;

create or replace function tests.ch_profile(p_number text, p_name text, p_status text default 'active')
returns jsonb
language sql immutable
as $$
    select jsonb_build_object(
        'company_number', p_number,
        'company_name', p_name,
        'company_status', p_status,
        'type', 'ltd',
        'sic_codes', jsonb_build_array('62012'),
        'registered_office_address', jsonb_build_object(
            'premises', 'Unit 4', 'address_line_1', 'Canal Wharf', 'locality', 'Leeds',
            'postal_code', 'LS11 5PS', 'country', 'England'
        )
    )
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
