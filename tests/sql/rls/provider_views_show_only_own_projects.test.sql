-- Proves: the provider views v_hmrc_open_vat_obligations and
-- v_companies_house_company_changes show a member only their own projects' rows, and
-- anon nothing (security_invoker: the tables' RLS applies).
begin;
select plan(6);

select tests.create_user('pv_owner_a');
select tests.create_user('pv_owner_b');
insert into public.projects (id, name, country_code, created_by) values
(tests.id('pv_a'), 'A', 'GB', tests.user_id('pv_owner_a')),
(tests.id('pv_b'), 'B', 'GB', tests.user_id('pv_owner_b'));

update public.project_integrations set settings = '{"vrn": "123456789"}'
where project_id in (tests.id('pv_a'), tests.id('pv_b'));

insert into public.integration_reference_data
(provider_id, project_integration_id, kind, external_id, parent_external_id, name, data)
select pi.provider_id, pi.id, 'vat_obligation', '18A1', '123456789', 'VAT 18A1',
    '{"start": "2026-01-01", "end": "2026-03-31", "due": "2026-05-07", "status": "O", "periodKey": "18A1"}'
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id
where p.key = 'hmrc' and pi.project_id in (tests.id('pv_a'), tests.id('pv_b'));

insert into public.integration_reference_data
(provider_id, project_integration_id, kind, external_id, name, data)
select pi.provider_id, pi.id, 'company', '01234567', 'Oak Ltd',
    '{"changes": [{"kind": "dissolved", "previous": "active", "current": "dissolved", "detected_at": "2026-11-01T00:00:00Z"}]}'
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id
where p.key = 'companies_house' and pi.project_id in (tests.id('pv_a'), tests.id('pv_b'));

select is((select count(*)::int from public.v_hmrc_open_vat_obligations), 2, 'both projects have an open obligation');

select tests.authenticate_as('pv_owner_a');
select results_eq(
    $$select distinct project_id from public.v_hmrc_open_vat_obligations$$,
    $$values (tests.id('pv_a'))$$,
    'owner of A sees only A''s open obligations'
);
select results_eq(
    $$select distinct project_id from public.v_companies_house_company_changes$$,
    $$values (tests.id('pv_a'))$$,
    'owner of A sees only A''s company changes'
);
select tests.clear_authentication();

select tests.authenticate_as('pv_owner_b');
select is((select count(*)::int from public.v_companies_house_company_changes), 1, 'owner of B sees one change: B''s');
select tests.clear_authentication();

select tests.authenticate_as_anon();
select throws_ok($$select count(*) from public.v_hmrc_open_vat_obligations$$, '42501', null, 'anon cannot read obligations');
select throws_ok($$select count(*) from public.v_companies_house_company_changes$$, '42501', null, 'anon cannot read company changes');
select tests.clear_authentication();

select * from finish();
rollback;
