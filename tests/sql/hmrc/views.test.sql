-- Proves: v_hmrc_open_vat_obligations shows only open obligations of the project's current
-- VRN, with due dates, days until due and overdue, and the latest submission for the
-- period; RLS per project (an owner sees their project's, an outsider none, the other
-- project's owner only theirs; anon no privilege). v_hmrc_paye_levy_declarations shows the
-- active levy declarations of the current employer PAYE reference with their typed
-- columns (a garbled submission time as null), under the same RLS; the PAYE feature and the provider say the scope plainly.
begin;
select plan(15);
select tests.hmrc_fixture();

select results_eq(
    $$select period_key, due_date, days_until_due, is_overdue, submission_status::text
      from public.v_hmrc_open_vat_obligations where project_id = tests.id('ca_project') order by due_date$$,
    $$values ('A001'::text, current_date - 10, -10, true, null::text),
             ('A002', current_date + 20, 20, false, null)$$,
    'open ones only (not the fulfilled A003), of the current VRN only (not Z001), soonest due first'
);

insert into public.integration_sync_logs (
    project_id, project_integration_id, provider_id, trigger_type, direction, status, action, entity_id, details
)
select pi.project_id, pi.id, pi.provider_id, 'on_manual', 'outbound', 'pending', 'hmrc_submit_vat_return', 'A001',
    '{"params": {"vrn": "123456782"}}'
from public.project_integrations as pi where pi.id = tests.integration_id('ca_project', 'hmrc');
select is(
    (select submission_status::text from public.v_hmrc_open_vat_obligations where period_key = 'A001'),
    'pending', 'the latest submission of a period shows with it'
);

update public.project_integrations set settings = settings || '{"vrn": "111111111"}'
where id = tests.integration_id('ca_project', 'hmrc');
select is(
    (select array_agg(period_key) from public.v_hmrc_open_vat_obligations where project_id = tests.id('ca_project')),
    array['Z001'], 'a changed VRN shows that VRN''s obligations'
);
update public.project_integrations set settings = settings || '{"vrn": "123456782"}'
where id = tests.integration_id('ca_project', 'hmrc');

create temporary table seen (actor text, obligations text, declarations text) on commit drop;
insert into seen values
('ca_owner', 'rows 2', 'rows 2'), ('ca_member', 'rows 2', 'rows 2'), ('ca_outsider', 'rows 0', 'rows 0'),
('hm_other_owner', 'rows 1', 'rows 0'), ('anon', 'permission denied', 'permission denied');
select is(tests.outcome(s.actor, 'select count(*) from public.v_hmrc_open_vat_obligations'), s.obligations,
    format('open obligations seen by %s: %s', s.actor, s.obligations))
from seen as s;

select results_eq(
    $$select declaration_id, entry_type, submission_id, tax_year, tax_month, levy_due_ytd,
             levy_allowance_for_full_year
      from public.v_hmrc_paye_levy_declarations order by submission_time desc$$,
    $$values ('100122'::text, 'levy_declaration'::text, '10012'::text, '25-26'::text, 2, 500.00::numeric, 15000::numeric),
             ('100000', 'no_payment', '10000', '24-25', 6, null, null)$$,
    'active levy declarations of the current employer PAYE reference, typed'
);
select is(tests.outcome(s.actor, 'select count(*) from public.v_hmrc_paye_levy_declarations'), s.declarations,
    format('levy declarations seen by %s: %s', s.actor, s.declarations))
from seen as s where s.actor in ('ca_outsider', 'hm_other_owner', 'anon');

insert into public.integration_reference_data
    (provider_id, project_integration_id, kind, external_id, code, name, parent_external_id, data)
select pi.provider_id, pi.id, 'levy_declaration', '77772', 'levy_declaration', 'odd time', '123/AB12345',
    '{"id": 77772, "submissionTime": "2016–02–21T16:05:23.000.000", "levyDueYTD": 1}'
from public.project_integrations as pi where pi.id = tests.integration_id('ca_project', 'hmrc');
select is(
    (select row(submission_time, levy_due_ytd)::text from public.v_hmrc_paye_levy_declarations
     where declaration_id = '77772'),
    row(null::timestamp, 1::numeric)::text,
    'a submission time HMRC garbled (its own schema example) reads as null, not an error for the whole view'
);

select ok(
    (select f.description ~ 'Apprenticeship Levy' and f.description ~ 'no public REST API for RTI'
        and f.default_trigger = 'on_schedule' and f.server_action = 'hmrc_paye_levy_declarations'
        and f.sync_direction = 'inbound'
     from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
     where p.key = 'hmrc' and f.key = 'paye_levy_declarations'),
    'the PAYE levy feature: inbound, scheduled, and says it is not RTI payroll data'
);

select ok(
    (select p.description ~ 'Apprenticeship Levy' and p.description ~ 'no public REST API for Corporation Tax or for PAYE'
        and 'hmrc_paye_levy_declarations' = any(p.server_actions)
     from public.integration_providers as p where p.key = 'hmrc'),
    'the provider says what PAYE data there is and what there is not, and lists the server action'
);

select * from finish();
rollback;
