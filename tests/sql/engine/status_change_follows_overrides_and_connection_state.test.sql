-- Proves: which features a status change fires follows the effective state — a project's
-- override of the trigger config takes precedence over the catalogue's default; a feature
-- switched off, an integration switched off or not Connected, an inactive feature, or a
-- feature moved to another trigger queue nothing.
begin;
select plan(6);
select tests.create_engine_fixture();

insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
values (tests.id('eng_integration'), tests.id('eng_expenses'),
    '{"entity": "transactions", "filter": {"status": "Submitted"}}');
select tests.engine_transaction('t_approved', 'Expense', 'Approved');
select tests.engine_transaction('t_submitted', 'Reimbursement', 'Submitted');
select results_eq(
    $$select entity_id from tests.engine_queue()$$,
    format($$values (%L)$$, tests.id('t_submitted')),
    'the override (any type, Submitted) decides, not the default (Expense or Invoice, Approved)'
);

update public.project_integration_features set is_enabled = false
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_expenses');
select tests.engine_transaction('t_off', 'Expense', 'Submitted');
select is((select count(*)::int from tests.engine_queue()), 1, 'a feature switched off for the project: nothing');

update public.project_integration_features set is_enabled = true, trigger_type = 'on_manual', trigger_config = null
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_expenses');
select tests.engine_transaction('t_manual', 'Expense', 'Approved');
select is((select count(*)::int from tests.engine_queue()), 1, 'a feature moved to on_manual: nothing');

delete from public.project_integration_features where project_integration_id = tests.id('eng_integration');
update public.project_integrations set status = 'Expired' where id = tests.id('eng_integration');
select tests.engine_transaction('t_expired', 'Expense', 'Approved');
select is((select count(*)::int from tests.engine_queue()), 1, 'an integration not Connected: nothing');

update public.project_integrations set status = 'Connected', is_enabled = false where id = tests.id('eng_integration');
select tests.engine_transaction('t_disabled', 'Expense', 'Approved');
select is((select count(*)::int from tests.engine_queue()), 1, 'an integration switched off: nothing');

update public.project_integrations set is_enabled = true where id = tests.id('eng_integration');
update public.integration_features set is_active = false where id = tests.id('eng_expenses');
select tests.engine_transaction('t_inactive', 'Expense', 'Approved');
select is((select count(*)::int from tests.engine_queue()), 1, 'a feature the catalogue retired: nothing');

select * from finish();
rollback;
