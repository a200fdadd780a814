-- The RLS matrix's fixture, built by the test's own (superuser) role inside the test's
-- transaction: two projects (A: owner, member; B: a stranger's), an outsider, and a row of
-- every kind in each project, plus catalogue and reference rows including a global one.
-- Rows have fixed ids (tests.id('<name>')) so case statements can name them under any role.
-- Applied by tests/run.py to the test database only; never a migration.

create or replace function tests.create_rls_fixture()
returns void
language plpgsql
set search_path = ''
as $$
begin
    perform tests.create_user('rls_owner');
    perform tests.create_user('rls_member');
    perform tests.create_user('rls_outsider');
    perform tests.create_user('rls_stranger');

    -- FR: no provider auto-enables there, so the fixture's integrations are all its own.
    -- Whoever creates a project owns it (tg_projects__add_owner).
    insert into public.projects (id, name, country_code, created_by) values
    (tests.id('project_a'), 'Project A', 'FR', tests.user_id('rls_owner')),
    (tests.id('project_b'), 'Project B', 'FR', tests.user_id('rls_stranger'));
    perform tests.add_member(tests.id('project_a'), 'rls_member', 'project:member');

    -- reference rows nothing depends on (delete targets)
    insert into public.roles (id, key, name) values (tests.id('role_spare'), 'rls:spare', 'Spare role');
    insert into public.permissions (key, description) values ('rls:spare', 'Spare permission');
    insert into public.role_permissions (role_id, permission_key) values (tests.id('role_spare'), 'rls:spare');
    insert into public.menu_items (key, label, sort_order) values ('rls.spare', 'Spare', 1);

    -- a catalogue provider of our own (not auto-enabled) and an unused one
    insert into public.integration_providers (id, key, name, auth_method, credential_scope) values
    (tests.id('provider'), 'rls_test', 'RLS test provider', 'api_key', 'per_project'),
    (tests.id('provider_spare'), 'rls_spare', 'RLS spare provider', 'none', 'per_project');
    insert into public.integration_provider_countries (provider_id, country_code) values
    (tests.id('provider'), 'FR'), (tests.id('provider'), 'DE');
    insert into public.integration_features (
        id, provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type
    ) values
    (tests.id('feature_1'), tests.id('provider'), 'feature_1', 'Feature 1', 'on_manual', '{"entity": "projects"}', 'inbound', 'project'),
    (tests.id('feature_2'), tests.id('provider'), 'feature_2', 'Feature 2', 'on_manual', '{"entity": "projects"}', 'inbound', 'project');

    -- host records
    insert into public.project_relationships (id, project_id, entity_type, display_name, role_can_be_vendor) values
    (tests.id('rel_a'), tests.id('project_a'), 'Business', 'Acme Ltd', true),
    (tests.id('rel_a_free'), tests.id('project_a'), 'Individual', 'Jo Bloggs', false),
    (tests.id('rel_b'), tests.id('project_b'), 'Business', 'Other Ltd', true);
    insert into public.transactions (
        id, project_id, relationship_id, transaction_type, transaction_direction, status, currency_code, total_amount
    ) values
    (tests.id('txn_a'), tests.id('project_a'), tests.id('rel_a'), 'Expense', 'inbound', 'Approved', 'GBP', 12.00),
    (tests.id('txn_b'), tests.id('project_b'), tests.id('rel_b'), 'Invoice', 'inbound', 'Draft', 'GBP', 99.00);
    insert into public.transaction_lines (id, transaction_id, line_number, description, amount) values
    (tests.id('line_a'), tests.id('txn_a'), 1, 'Train ticket', 12.00),
    (tests.id('line_b'), tests.id('txn_b'), 1, 'Consulting', 99.00);

    -- integrations, their feature overrides, credentials, logs, mappings, reference data
    insert into public.project_integrations (id, project_id, provider_id, enabled_by) values
    (tests.id('pi_a'), tests.id('project_a'), tests.id('provider'), 'manual'),
    (tests.id('pi_b'), tests.id('project_b'), tests.id('provider'), 'manual');
    insert into public.project_integration_features (id, project_integration_id, feature_id, is_enabled) values
    (tests.id('pif_a'), tests.id('pi_a'), tests.id('feature_1'), false),
    (tests.id('pif_b'), tests.id('pi_b'), tests.id('feature_1'), false);
    insert into public.integration_credentials (id, provider_id, project_integration_id, scope, vault_secret_id) values
    (tests.id('cred_a'), tests.id('provider'), tests.id('pi_a'), 'per_project', tests.id('secret_a')),
    (tests.id('cred_b'), tests.id('provider'), tests.id('pi_b'), 'per_project', tests.id('secret_b'));
    insert into public.integration_sync_logs (
        id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, action
    ) values
    (tests.id('log_a'), tests.id('project_a'), tests.id('pi_a'), tests.id('provider'), tests.id('feature_1'), 'on_manual', 'inbound', 'noop'),
    (tests.id('log_b'), tests.id('project_b'), tests.id('pi_b'), tests.id('provider'), tests.id('feature_1'), 'on_manual', 'inbound', 'noop');
    insert into public.integration_entity_mappings (id, project_integration_id, entity_type, internal_id, external_id) values
    (tests.id('map_a'), tests.id('pi_a'), 'vendor', tests.id('rel_a')::text, 'ext-a'),
    (tests.id('map_b'), tests.id('pi_b'), 'vendor', tests.id('rel_b')::text, 'ext-b');
    insert into public.integration_reference_data (id, provider_id, project_integration_id, kind, external_id, name) values
    (tests.id('ref_a'), tests.id('provider'), tests.id('pi_a'), 'account', '1', 'Bank A'),
    (tests.id('ref_b'), tests.id('provider'), tests.id('pi_b'), 'account', '1', 'Bank B'),
    (tests.id('ref_global'), tests.id('provider'), null, 'sic_code', '62012', 'Software development');
end
$$;
