-- Fixture for the HMRC tests (tests/sql/hmrc): the client-action fixture's GB project
-- (ca_owner, ca_member, ca_outsider) with HMRC Connected, VRN 123456782 and employer PAYE
-- reference 123/AB12345 saved, plus a second GB project hm_other (owner hm_other_owner,
-- VRN 339072747). Cached reference data:
--   ca_project VAT obligations (VRN 123456782): A001 open, ended 40 days ago, due 10 days
--   ago; A002 open, due in 20 days; A003 fulfilled; Z001 open under an old VRN 111111111
--   hm_other: B001 open, due in 5 days
--   ca_project levy declarations (123/AB12345): 10012 levy (25-26 month 2, 500 due YTD),
--   10000 no payment, 10022 inactive row (is_active false); 99992 under 999/ZZ1
-- Applied by tests/run.py to the test database only; never a migration.

create or replace function tests.hmrc_fixture()
returns void
language plpgsql
as $$
declare
    v_provider uuid := (select p.id from public.integration_providers as p where p.key = 'hmrc');
    v_hmrc uuid;
    v_other uuid;
begin
    perform tests.client_action_fixture();
    perform tests.create_user('hm_other_owner');
    insert into public.projects (id, name, country_code) values (tests.id('hm_other'), 'Other HMRC', 'GB');
    perform tests.add_member(tests.id('hm_other'), 'hm_other_owner', 'project:owner');
    v_hmrc := tests.integration_id('ca_project', 'hmrc');
    v_other := tests.integration_id('hm_other', 'hmrc');
    update public.project_integrations
    set status = 'Connected', settings = '{"vrn": "123456782", "employer_paye_reference": "123/AB12345"}'
    where id = v_hmrc;
    update public.project_integrations set status = 'Connected', settings = '{"vrn": "339072747"}'
    where id = v_other;

    insert into public.integration_reference_data
        (provider_id, project_integration_id, kind, external_id, code, name, parent_external_id, is_active, data)
    values
    (v_provider, v_hmrc, 'vat_obligation', 'A001', 'O', 'A001', '123456782', true, jsonb_build_object(
        'start', current_date - 130, 'end', current_date - 40, 'due', current_date - 10, 'status', 'O',
        'periodKey', 'A001')),
    (v_provider, v_hmrc, 'vat_obligation', 'A002', 'O', 'A002', '123456782', true, jsonb_build_object(
        'start', current_date - 70, 'end', current_date + 20, 'due', current_date + 20, 'status', 'O',
        'periodKey', 'A002')),
    (v_provider, v_hmrc, 'vat_obligation', 'A003', 'F', 'A003', '123456782', true, jsonb_build_object(
        'start', current_date - 220, 'end', current_date - 130, 'due', current_date - 90, 'status', 'F',
        'periodKey', 'A003', 'received', current_date - 95)),
    (v_provider, v_hmrc, 'vat_obligation', 'Z001', 'O', 'Z001', '111111111', true, jsonb_build_object(
        'start', current_date - 130, 'end', current_date - 40, 'due', current_date - 5, 'status', 'O',
        'periodKey', 'Z001')),
    (v_provider, v_other, 'vat_obligation', 'B001', 'O', 'B001', '339072747', true, jsonb_build_object(
        'start', current_date - 85, 'end', current_date - 5, 'due', current_date + 5, 'status', 'O',
        'periodKey', 'B001')),
    (v_provider, v_hmrc, 'levy_declaration', '100122', 'levy_declaration', '25-26 month 2', '123/AB12345', true,
        '{"id": 100122, "submissionId": 10012, "submissionTime": "2025-06-14T16:05:23.000",
          "payrollPeriod": {"year": "25-26", "month": 2}, "levyDueYTD": "500.00",
          "levyAllowanceForFullYear": "15000"}'),
    (v_provider, v_hmrc, 'levy_declaration', '100000', 'no_payment', '24-25 month 6', '123/AB12345', true,
        '{"id": 100000, "submissionId": 10000, "submissionTime": "2024-10-14T16:05:23.000",
          "payrollPeriod": {"year": "24-25", "month": 6}, "noPaymentForPeriod": true}'),
    (v_provider, v_hmrc, 'levy_declaration', '100221', 'inactive', 'inactive', '123/AB12345', false,
        '{"id": 100221, "submissionId": 10022, "submissionTime": "2025-07-14T16:05:23.000",
          "inactiveFrom": "2025-06-06", "inactiveTo": "2025-09-05"}'),
    (v_provider, v_hmrc, 'levy_declaration', '999922', 'levy_declaration', 'old scheme', '999/ZZ1', true,
        '{"id": 999922, "submissionTime": "2025-05-14T16:05:23.000", "levyDueYTD": 1}');
end
$$;

grant execute on function tests.hmrc_fixture() to anon, authenticated, service_role;
