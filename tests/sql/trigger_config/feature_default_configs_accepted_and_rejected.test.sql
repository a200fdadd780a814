-- Proves: integration_features.default_trigger_config is checked against its trigger on
-- insert and update: entity + filter as the original design gives them is accepted
-- (scalars, any-of arrays, on_status_change naming its status, on_schedule with a valid
-- 5-field cron; owns_fields true or false); anything else is rejected with SQLSTATE PB400
-- and a message that starts with the offending field (trigger_config.<field>: ...).
begin;

insert into public.integration_providers (id, key, name, auth_method, credential_scope)
values (tests.id('tc_provider'), 'tc_provider', 'Trigger config provider', 'none', 'per_project');

create temp table tc_cases (
    ord serial,
    description text not null,
    trigger_type text not null,
    config text not null,
    expected text not null  -- 'accepted' or '<sqlstate> <field the message names>'
) on commit drop;

insert into tc_cases (description, trigger_type, config, expected) values
-- accepted
('entity only', 'on_manual', '{"entity": "projects"}', 'accepted'),
('Vendors as the original design gives it', 'on_manual',
    '{"entity": "project_relationships", "filter": {"entity_type": "Business", "role_can_be_vendor": true}}', 'accepted'),
('Expenses as the original design gives it', 'on_status_change',
    '{"entity": "transactions", "filter": {"transaction_type": ["Expense"], "transaction_direction": "inbound", "status": "Approved"}}', 'accepted'),
('Bills as the original design gives it', 'on_status_change',
    '{"entity": "transactions", "filter": {"transaction_type": ["Invoice", "Payroll Invoice", "Reimbursement"], "transaction_direction": "inbound", "status": "Approved"}}', 'accepted'),
('array any-of of statuses for on_status_change', 'on_status_change',
    '{"entity": "transactions", "filter": {"status": ["Approved", "Paid"]}}', 'accepted'),
('a number as a filter value', 'realtime', '{"entity": "transactions", "filter": {"total_amount": 100}}', 'accepted'),
('a boolean as a filter value', 'on_manual', '{"entity": "project_relationships", "filter": {"role_can_be_customer": true}}', 'accepted'),
('transaction_lines as the entity', 'on_link', '{"entity": "transaction_lines", "filter": {"tax_code": "20.0% S"}}', 'accepted'),
('on_schedule with a daily cron', 'on_schedule', '{"entity": "projects", "schedule": "0 2 * * *"}', 'accepted'),
('on_schedule with steps, ranges and lists', 'on_schedule', '{"entity": "projects", "schedule": "*/15 9-17 1,15 1-12/2 1-5"}', 'accepted'),
('on_schedule with Sunday as 7', 'on_schedule', '{"entity": "projects", "schedule": "30 6 * * 7"}', 'accepted'),
('owns_fields true (QuickBooks: update what a duplicate name links)', 'on_manual',
    '{"entity": "project_relationships", "owns_fields": true}', 'accepted'),
('owns_fields false', 'on_manual', '{"entity": "project_relationships", "owns_fields": false}', 'accepted'),
-- the whole config
('not an object (array)', 'on_manual', '["projects"]', 'PB400 trigger_config'),
('not an object (string)', 'on_manual', '"projects"', 'PB400 trigger_config'),
('unknown top-level key', 'on_manual', '{"entity": "projects", "when": "always"}', 'PB400 trigger_config.when'),
('owns_fields as a string', 'on_manual', '{"entity": "projects", "owns_fields": "yes"}', 'PB400 trigger_config.owns_fields'),
('owns_fields as a number', 'on_manual', '{"entity": "projects", "owns_fields": 1}', 'PB400 trigger_config.owns_fields'),
('owns_fields null', 'on_manual', '{"entity": "projects", "owns_fields": null}', 'PB400 trigger_config.owns_fields'),
-- entity
('no entity', 'on_manual', '{}', 'PB400 trigger_config.entity'),
('entity not a string', 'on_manual', '{"entity": 1}', 'PB400 trigger_config.entity'),
('unknown entity', 'on_manual', '{"entity": "invoices"}', 'PB400 trigger_config.entity'),
('a table features may not watch', 'on_manual', '{"entity": "integration_credentials"}', 'PB400 trigger_config.entity'),
('entity with SQL in it', 'on_manual', '{"entity": "projects; drop table public.projects"}', 'PB400 trigger_config.entity'),
-- filter
('filter not an object', 'on_manual', '{"entity": "transactions", "filter": ["status"]}', 'PB400 trigger_config.filter'),
('unknown filter column', 'on_manual', '{"entity": "transactions", "filter": {"colour": "red"}}', 'PB400 trigger_config.filter.colour'),
('a column of another entity', 'on_manual', '{"entity": "projects", "filter": {"transaction_type": "Expense"}}', 'PB400 trigger_config.filter.transaction_type'),
('a system column', 'on_manual', '{"entity": "transactions", "filter": {"ctid": "(0,1)"}}', 'PB400 trigger_config.filter.ctid'),
('empty any-of array', 'on_manual', '{"entity": "transactions", "filter": {"transaction_type": []}}', 'PB400 trigger_config.filter.transaction_type'),
('object as a filter value', 'on_manual', '{"entity": "transactions", "filter": {"status": {"eq": "Approved"}}}', 'PB400 trigger_config.filter.status'),
('object inside an any-of array', 'on_manual', '{"entity": "transactions", "filter": {"status": ["Approved", {"eq": "Paid"}]}}', 'PB400 trigger_config.filter.status'),
('nested array inside an any-of array', 'on_manual', '{"entity": "transactions", "filter": {"status": [["Approved"]]}}', 'PB400 trigger_config.filter.status'),
('null as a filter value', 'on_manual', '{"entity": "transactions", "filter": {"status": null}}', 'PB400 trigger_config.filter.status'),
-- on_status_change
('on_status_change without filter.status', 'on_status_change',
    '{"entity": "transactions", "filter": {"transaction_type": ["Expense"]}}', 'PB400 trigger_config.filter.status'),
('on_status_change without any filter', 'on_status_change', '{"entity": "transactions"}', 'PB400 trigger_config.filter.status'),
-- on_schedule
('on_schedule without a schedule', 'on_schedule', '{"entity": "projects"}', 'PB400 trigger_config.schedule'),
('on_schedule with a number', 'on_schedule', '{"entity": "projects", "schedule": 5}', 'PB400 trigger_config.schedule'),
('on_schedule with 6 fields (seconds)', 'on_schedule', '{"entity": "projects", "schedule": "0 0 2 * * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with 4 fields', 'on_schedule', '{"entity": "projects", "schedule": "0 2 * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with minute 60', 'on_schedule', '{"entity": "projects", "schedule": "60 * * * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with hour 24', 'on_schedule', '{"entity": "projects", "schedule": "0 24 * * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with day of month 0', 'on_schedule', '{"entity": "projects", "schedule": "0 2 0 * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with month 13', 'on_schedule', '{"entity": "projects", "schedule": "0 2 1 13 *"}', 'PB400 trigger_config.schedule'),
('on_schedule with a reversed range', 'on_schedule', '{"entity": "projects", "schedule": "5-1 * * * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with a zero step', 'on_schedule', '{"entity": "projects", "schedule": "*/0 * * * *"}', 'PB400 trigger_config.schedule'),
('on_schedule with a macro', 'on_schedule', '{"entity": "projects", "schedule": "@daily"}', 'PB400 trigger_config.schedule'),
('on_schedule with seconds syntax', 'on_schedule', '{"entity": "projects", "schedule": "30 seconds"}', 'PB400 trigger_config.schedule'),
('a schedule on on_manual', 'on_manual', '{"entity": "projects", "schedule": "0 2 * * *"}', 'PB400 trigger_config.schedule'),
('a schedule on on_status_change', 'on_status_change',
    '{"entity": "transactions", "filter": {"status": "Approved"}, "schedule": "0 2 * * *"}', 'PB400 trigger_config.schedule');

select plan((select count(*)::int from tc_cases) + 6);

-- each case inserted as a new feature of the test provider
select is(
    coalesce(split_part(r.error, ': ', 1) || ' ' || split_part(r.error, ': ', 2), 'accepted'),
    c.expected,
    format('feature default %s: %s', c.trigger_type, c.description)
)
from tc_cases as c
cross join lateral (
    select tests.error_of(format(
        $$insert into public.integration_features (provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type)
          values (tests.id('tc_provider'), %L, 'Case', %L, %L, 'inbound', 'project')$$,
        'case_' || c.ord, c.trigger_type, c.config
    )) as error
) as r
order by c.ord;

-- the message says what is wrong, naming the value or the column
select throws_ok(
    $$insert into public.integration_features (provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type)
      values (tests.id('tc_provider'), 'm1', 'm', 'on_manual', '{"entity": "invoices"}', 'inbound', 'x')$$,
    'PB400',
    'trigger_config.entity: "invoices" is not a host table features may watch (project_relationships, transactions, transaction_lines, projects)',
    'unknown entity: PB400 naming the entity and the tables allowed'
);
select throws_like(
    $$insert into public.integration_features (provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type)
      values (tests.id('tc_provider'), 'm2', 'm', 'on_manual', '{"entity": "transactions", "filter": {"colour": "red"}}', 'inbound', 'x')$$,
    'trigger_config.filter.colour: not a column of transactions',
    'unknown filter column: the message names the column and the entity'
);
select throws_ok(
    $$insert into public.integration_features (provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type)
      values (tests.id('tc_provider'), 'm3', 'm', 'on_schedule', '{"entity": "projects", "schedule": "61 * * * *"}', 'inbound', 'x')$$,
    'PB400', null,
    'invalid cron: SQLSTATE PB400'
);

-- an update is checked as well: trigger and config changed apart or together
insert into public.integration_features (id, provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type)
values (tests.id('tc_feature'), tests.id('tc_provider'), 'tc_feature', 'TC', 'on_manual', '{"entity": "projects"}', 'inbound', 'project');
select alike(
    tests.error_of($$update public.integration_features set default_trigger = 'on_schedule' where id = tests.id('tc_feature')$$),
    'PB400: trigger_config.schedule:%',
    'update of the trigger alone to on_schedule, config without a schedule: PB400 on schedule'
);
select alike(
    tests.error_of($$update public.integration_features set default_trigger_config = '{"entity": "nowhere"}' where id = tests.id('tc_feature')$$),
    'PB400: trigger_config.entity:%',
    'update of the config alone to an unknown entity: PB400 on entity'
);
select is(
    tests.error_of($$update public.integration_features set default_trigger = 'on_schedule', default_trigger_config = '{"entity": "projects", "schedule": "0 3 * * 1"}' where id = tests.id('tc_feature')$$),
    null,
    'update of trigger and config together to a valid on_schedule: accepted'
);

select * from finish();
rollback;
