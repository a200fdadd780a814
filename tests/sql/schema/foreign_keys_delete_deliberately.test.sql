-- Proves: each foreign key's ON DELETE is the deliberate one (the catalogue cannot lose a
-- provider still in use; a project takes its rows with it; a log outlives the feature and
-- the user it names), checked in the catalogue and by deleting rows.
begin;
select plan(12);

-- table.column -> ON DELETE for every foreign key of the data model (set_has lists any
-- that is missing or has another action; later migrations may add foreign keys)
select set_has(
    $$
    select c.conrelid::regclass::text || '.' || a.attname,
        case c.confdeltype when 'a' then 'no action' when 'r' then 'restrict' when 'c' then 'cascade'
            when 'n' then 'set null' when 'd' then 'set default' end
    from pg_constraint as c
    inner join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace
    $$,
    $$
    values
    ('projects.created_by', 'set null'),
    ('role_permissions.role_id', 'cascade'),
    ('role_permissions.permission_key', 'cascade'),
    ('project_members.project_id', 'cascade'),
    ('project_members.user_id', 'cascade'),
    ('project_members.role_id', 'restrict'),
    ('project_relationships.project_id', 'cascade'),
    ('transactions.project_id', 'cascade'),
    ('transactions.relationship_id', 'restrict'),
    ('transaction_lines.transaction_id', 'cascade'),
    ('menu_items.parent_key', 'cascade'),
    ('menu_items.permission_key', 'set null'),
    ('integration_provider_countries.provider_id', 'cascade'),
    ('integration_features.provider_id', 'cascade'),
    ('project_integrations.project_id', 'cascade'),
    ('project_integrations.provider_id', 'restrict'),
    ('integration_credentials.provider_id', 'restrict'),
    ('integration_credentials.project_integration_id', 'cascade'),
    ('project_integration_features.project_integration_id', 'cascade'),
    ('project_integration_features.feature_id', 'cascade'),
    ('integration_sync_logs.project_id', 'cascade'),
    ('integration_sync_logs.project_integration_id', 'cascade'),
    ('integration_sync_logs.provider_id', 'restrict'),
    ('integration_sync_logs.feature_id', 'set null'),
    ('integration_sync_logs.requested_by', 'set null'),
    ('integration_entity_mappings.project_integration_id', 'cascade'),
    ('integration_entity_mappings.created_by', 'set null'),
    ('integration_reference_data.provider_id', 'cascade'),
    ('integration_reference_data.project_integration_id', 'cascade')
    $$,
    'every foreign key of the data model has its deliberate ON DELETE'
);

-- fixture: a GB project with a relationship, a transaction on it, a line, and a log of a feature
select tests.create_user('fk_user');
insert into public.projects (id, name, country_code, created_by)
values (tests.id('fk_project'), 'FK', 'GB', tests.user_id('fk_user'));
insert into public.project_relationships (id, project_id, entity_type, display_name)
values (tests.id('fk_rel'), tests.id('fk_project'), 'Business', 'Acme Ltd');
insert into public.transactions (id, project_id, relationship_id, transaction_type, transaction_direction, currency_code)
values (tests.id('fk_txn'), tests.id('fk_project'), tests.id('fk_rel'), 'Expense', 'inbound', 'GBP');
insert into public.transaction_lines (transaction_id, line_number, amount) values (tests.id('fk_txn'), 1, 10);
insert into public.integration_providers (id, key, name, auth_method, credential_scope)
values (tests.id('fk_provider'), 'fk_provider', 'FK provider', 'none', 'per_project');
insert into public.integration_features (id, provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type)
values (tests.id('fk_feature'), tests.id('fk_provider'), 'fk_feature', 'FK feature', 'on_manual', '{"entity": "projects"}', 'inbound', 'project');
insert into public.project_integrations (id, project_id, provider_id)
values (tests.id('fk_pi'), tests.id('fk_project'), tests.id('fk_provider'));
insert into public.integration_sync_logs (id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, action, requested_by)
values (tests.id('fk_log'), tests.id('fk_project'), tests.id('fk_pi'), tests.id('fk_provider'), tests.id('fk_feature'), 'on_manual', 'inbound', 'noop', tests.user_id('fk_user'));

select throws_ok(
    $$delete from public.integration_providers where id = tests.id('fk_provider')$$,
    '23503', null, 'a provider in use by a project integration cannot be deleted (restrict)'
);
select throws_ok(
    $$delete from public.project_relationships where id = tests.id('fk_rel')$$,
    '23503', null, 'a relationship with transactions cannot be deleted (restrict)'
);
select throws_ok(
    $$delete from public.roles where key = 'project:owner'$$,
    '23503', null, 'a role some member holds cannot be deleted (restrict)'
);

delete from public.integration_features where id = tests.id('fk_feature');
select is(
    (select feature_id from public.integration_sync_logs where id = tests.id('fk_log')), null,
    'deleting a feature keeps its sync logs, feature_id set null'
);
delete from auth.users where id = tests.user_id('fk_user');
select is(
    (select requested_by from public.integration_sync_logs where id = tests.id('fk_log')), null,
    'deleting a user keeps the sync logs they requested, requested_by set null'
);
select is(
    (select created_by from public.projects where id = tests.id('fk_project')), null,
    'deleting a user keeps the projects they created, created_by set null'
);

select lives_ok(
    $$delete from public.projects where id = tests.id('fk_project')$$,
    'a project with relationships, transactions, integrations and logs can be deleted'
);
select is((select count(*)::int from public.project_relationships where project_id = tests.id('fk_project')), 0, 'its relationships went with it');
select is((select count(*)::int from public.transaction_lines where transaction_id = tests.id('fk_txn')), 0, 'its transactions and their lines went with it');
select is((select count(*)::int from public.project_integrations where project_id = tests.id('fk_project')), 0, 'its integrations went with it');
select is((select count(*)::int from public.integration_sync_logs where project_id = tests.id('fk_project')), 0, 'its sync logs went with it');

select * from finish();
rollback;
