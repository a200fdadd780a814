-- Proves: a project's override of a feature (project_integration_features.trigger_type /
-- trigger_config) is checked as it takes effect -- the override, or the feature's default
-- for whichever of trigger and config it does not override -- on insert and update
-- (including a change of feature), with SQLSTATE PB400 naming the field; and the check
-- runs for a signed-in owner editing overrides, not only for the superuser.
begin;
select plan(15);

select tests.create_user('tc_owner');
insert into public.projects (id, name, country_code, created_by)
values (tests.id('tc_project'), 'TC', 'GB', tests.user_id('tc_owner'));

create temp table qb_features on commit drop as
select f.key, f.id as feature_id, pi.id as pi_id
from public.integration_features as f
inner join public.integration_providers as p on p.id = f.provider_id and p.key = 'quickbooks'
inner join public.project_integrations as pi on pi.provider_id = p.id and pi.project_id = tests.id('tc_project');
grant select on qb_features to authenticated;

-- vendors: on_manual, filter without status; expenses: on_status_change with status;
-- chart_of_accounts: on_schedule "15 2 * * *"
select is(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
      select pi_id, feature_id, false from qb_features where key = 'vendors'$$),
    null,
    'no trigger override (only is_enabled): accepted without a check'
);
select is(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_type)
      select pi_id, feature_id, 'on_manual' from qb_features where key = 'expenses'$$),
    null,
    'expenses switched to on_manual, default config (has filter.status): accepted'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_type)
      select pi_id, feature_id, 'on_status_change' from qb_features where key = 'vendors'$$),
    'PB400: trigger_config.filter.status:%',
    'vendors switched to on_status_change: its default config names no status -> PB400 filter.status'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_type)
      select pi_id, feature_id, 'on_schedule' from qb_features where key = 'vendors'$$),
    'PB400: trigger_config.schedule:%',
    'vendors switched to on_schedule: its default config has no schedule -> PB400 schedule'
);
select is(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_type, trigger_config)
      select pi_id, feature_id, 'on_schedule', '{"entity": "project_relationships", "filter": {"entity_type": "Business"}, "schedule": "0 1 * * *"}'
      from qb_features where key = 'vendors'$$),
    null,
    'vendors switched to on_schedule with a config that has a schedule: accepted'
);
select is(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
      select pi_id, feature_id, '{"entity": "projects", "schedule": "45 23 * * 0"}' from qb_features where key = 'chart_of_accounts'$$),
    null,
    'chart_of_accounts (default on_schedule) given another schedule: accepted'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
      select pi_id, feature_id, '{"entity": "projects", "schedule": "every night"}' from qb_features where key = 'chart_of_accounts'$$),
    'PB400: trigger_config.schedule:%',
    'chart_of_accounts given an invalid cron: PB400 schedule'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
      select pi_id, feature_id, '{"entity": "projects", "schedule": "0 2 * * *"}' from qb_features where key = 'vendors'$$),
    'PB400: trigger_config.schedule:%',
    'vendors (default on_manual) given a config with a schedule: PB400 schedule (only on_schedule takes one)'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
      select pi_id, feature_id, '{"entity": "suppliers"}' from qb_features where key = 'vendors'$$),
    'PB400: trigger_config.entity:%',
    'override with an unknown entity: PB400 entity'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
      select pi_id, feature_id, '{"entity": "transactions", "filter": {"status": "Approved", "colour": ["red"]}}' from qb_features where key = 'expenses'$$),
    'PB400: trigger_config.filter.colour:%',
    'override with an unknown filter column: PB400 filter.colour'
);
select alike(
    tests.error_of($$insert into public.project_integration_features (project_integration_id, feature_id, trigger_config)
      select pi_id, feature_id, '{"entity": "transactions", "filter": {"status": "Approved"}, "retry": 3}' from qb_features where key = 'expenses'$$),
    'PB400: trigger_config.retry:%',
    'override with an unknown top-level key: PB400 retry'
);

-- updates: an existing override made invalid, or moved to a feature it does not fit
insert into public.project_integration_features (id, project_integration_id, feature_id, trigger_type)
select tests.id('tc_override'), pi_id, feature_id, 'on_manual' from qb_features where key = 'expenses';
select alike(
    tests.error_of($$update public.project_integration_features set trigger_type = 'on_schedule' where id = tests.id('tc_override')$$),
    'PB400: trigger_config.schedule:%',
    'update of an override to on_schedule over a config without schedule: PB400 schedule'
);
select alike(
    tests.error_of($$update public.project_integration_features set trigger_type = 'on_status_change', feature_id = (select feature_id from qb_features where key = 'vendors')
      where id = tests.id('tc_override')$$),
    'PB400: trigger_config.filter.status:%',
    'moving an on_status_change override to a feature whose default has no status: PB400 filter.status'
);

-- as the project's owner, the way a client edits an override
select tests.authenticate_as('tc_owner');
select alike(
    tests.error_of($$update public.project_integration_features set trigger_config = '{"entity": "transactions", "filter": {"status": []}}' where id = tests.id('tc_override')$$),
    'PB400: trigger_config.filter.status:%',
    'signed-in owner: an invalid override is rejected with PB400 (the check runs under RLS too)'
);
select is(
    tests.error_of($$update public.project_integration_features set trigger_type = 'on_status_change', trigger_config = '{"entity": "transactions", "filter": {"status": ["Approved", "Paid"]}}' where id = tests.id('tc_override')$$),
    null,
    'signed-in owner: a valid override is accepted'
);
select tests.clear_authentication();

select * from finish();
rollback;
