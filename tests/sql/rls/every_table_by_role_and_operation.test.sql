-- Proves: the RLS matrix -- every table in public x {anon, authenticated non-member,
-- member without the permission (project:member), member with it (project:owner),
-- service_role} x {select, insert, update, delete}, and the views x select -- each with its
-- expected outcome, run as PostgREST runs a request (set local role + request.jwt.claims,
-- via tests.outcome). Outcomes: 'rows N' (rows visible to a select, or affected by DML),
-- 'rls violation' (42501, new row violates a policy), 'permission denied' (42501, no grant).
-- Statements target project A (owner rls_owner, member rls_member) unless they say
-- otherwise; selects count only the fixture's rows, so catalogue growth does not matter.
-- Then the worker paths: for every table a client can write, the worker code that reads
-- it and proof that a cross-project id cannot reach that code (issue #18).
begin;

select tests.create_rls_fixture();

create temp table rls_cases (
    ord serial,
    relation text not null,
    operation text not null,
    statement text not null,
    anon text not null,
    outsider text not null,
    member text not null,
    owner text not null,
    service_role text not null
) on commit drop;

insert into rls_cases (relation, operation, statement, anon, outsider, member, owner, service_role) values
/* ------------------------------------------------------------ projects and membership */
('projects', 'select', $$select count(*) from public.projects where id in (tests.id('project_a'), tests.id('project_b'))$$,
    'rows 0', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
-- any signed-in user may create a project (as its creator); it becomes theirs
('projects', 'insert', $$insert into public.projects (id, name, country_code, created_by) values (tests.id('new_project'), 'New', 'FR', auth.uid())$$,
    'permission denied', 'rows 1', 'rows 1', 'rows 1', 'rows 1'),
('projects', 'update', $$update public.projects set name = 'Renamed' where id = tests.id('project_a')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),
('projects', 'delete', $$delete from public.projects where id = tests.id('project_a')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),

('project_members', 'select', $$select count(*) from public.project_members where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'rows 0', 'rows 0', 'rows 2', 'rows 2', 'rows 3'),
('project_members', 'insert', $$insert into public.project_members (project_id, user_id, role_id) select tests.id('project_a'), tests.user_id('rls_outsider'), tests.id('role_spare')$$,
    'permission denied', 'rls violation', 'rls violation', 'rows 1', 'rows 1'),
('project_members', 'update', $$update public.project_members set role_id = tests.id('role_spare') where project_id = tests.id('project_a') and user_id = tests.user_id('rls_member')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),
('project_members', 'delete', $$delete from public.project_members where project_id = tests.id('project_a') and user_id = tests.user_id('rls_member')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),

/* ------------------------------------------- read-only reference tables and the menu */
('roles', 'select', $$select count(*) from public.roles where key in ('project:owner', 'project:member', 'rls:spare')$$,
    'rows 0', 'rows 3', 'rows 3', 'rows 3', 'rows 3'),
('roles', 'insert', $$insert into public.roles (key, name) values ('rls:new', 'New role')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('roles', 'update', $$update public.roles set name = 'Renamed' where id = tests.id('role_spare')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('roles', 'delete', $$delete from public.roles where id = tests.id('role_spare')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

('permissions', 'select', $$select count(*) from public.permissions where key in ('integration:manage', 'integration:logs:view', 'rls:spare')$$,
    'rows 0', 'rows 3', 'rows 3', 'rows 3', 'rows 3'),
('permissions', 'insert', $$insert into public.permissions (key, description) values ('rls:new', 'New')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('permissions', 'update', $$update public.permissions set description = 'Changed' where key = 'rls:spare'$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('permissions', 'delete', $$delete from public.permissions where key = 'rls:spare'$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

/* owner: integration:manage and rls:spare (project:owner holds every permission); spare: rls:spare */
('role_permissions', 'select', $$select count(*) from public.role_permissions where permission_key in ('integration:manage', 'rls:spare')$$,
    'rows 0', 'rows 3', 'rows 3', 'rows 3', 'rows 3'),
('role_permissions', 'insert', $$insert into public.role_permissions (role_id, permission_key) values (tests.id('role_spare'), 'integration:manage')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('role_permissions', 'update', $$update public.role_permissions set permission_key = 'integration:manage' where role_id = tests.id('role_spare')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('role_permissions', 'delete', $$delete from public.role_permissions where role_id = tests.id('role_spare')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

('menu_items', 'select', $$select count(*) from public.menu_items where key in ('setup.integrations', 'rls.spare')$$,
    'rows 0', 'rows 2', 'rows 2', 'rows 2', 'rows 2'),
('menu_items', 'insert', $$insert into public.menu_items (key, label) values ('rls.new', 'New')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('menu_items', 'update', $$update public.menu_items set label = 'Changed' where key = 'rls.spare'$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('menu_items', 'delete', $$delete from public.menu_items where key = 'rls.spare'$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

/* ----------------------------------------- the catalogue: read by every signed-in user */
('integration_providers', 'select', $$select count(*) from public.integration_providers where id in (tests.id('provider'), tests.id('provider_spare')) or key = 'quickbooks'$$,
    'rows 0', 'rows 3', 'rows 3', 'rows 3', 'rows 3'),
('integration_providers', 'insert', $$insert into public.integration_providers (key, name, auth_method, credential_scope) values ('rls_new', 'New', 'none', 'global')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_providers', 'update', $$update public.integration_providers set auto_enable_for_country = true where id = tests.id('provider')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_providers', 'delete', $$delete from public.integration_providers where id = tests.id('provider_spare')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

('integration_provider_countries', 'select', $$select count(*) from public.integration_provider_countries where provider_id = tests.id('provider')$$,
    'rows 0', 'rows 2', 'rows 2', 'rows 2', 'rows 2'),
('integration_provider_countries', 'insert', $$insert into public.integration_provider_countries (provider_id, country_code) values (tests.id('provider'), 'IT')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_provider_countries', 'update', $$update public.integration_provider_countries set country_code = 'IT' where provider_id = tests.id('provider') and country_code = 'FR'$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_provider_countries', 'delete', $$delete from public.integration_provider_countries where provider_id = tests.id('provider') and country_code = 'DE'$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

('integration_features', 'select', $$select count(*) from public.integration_features where provider_id = tests.id('provider')$$,
    'rows 0', 'rows 2', 'rows 2', 'rows 2', 'rows 2'),
('integration_features', 'insert', $$insert into public.integration_features (provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type) values (tests.id('provider'), 'feature_3', 'Feature 3', 'on_manual', '{"entity": "projects"}', 'inbound', 'project')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_features', 'update', $$update public.integration_features set description = 'Changed' where id = tests.id('feature_2')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_features', 'delete', $$delete from public.integration_features where id = tests.id('feature_2')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

/* ------------------------------------------------ host records: any member of the project */
('project_relationships', 'select', $$select count(*) from public.project_relationships where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'rows 0', 'rows 0', 'rows 2', 'rows 2', 'rows 3'),
('project_relationships', 'insert', $$insert into public.project_relationships (project_id, entity_type, display_name) values (tests.id('project_a'), 'Business', 'New Co')$$,
    'permission denied', 'rls violation', 'rows 1', 'rows 1', 'rows 1'),
('project_relationships', 'update', $$update public.project_relationships set display_name = 'Acme Limited' where id = tests.id('rel_a')$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 1'),
('project_relationships', 'delete', $$delete from public.project_relationships where id = tests.id('rel_a_free')$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 1'),

('transactions', 'select', $$select count(*) from public.transactions where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'rows 0', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
('transactions', 'insert', $$insert into public.transactions (project_id, transaction_type, transaction_direction, currency_code) values (tests.id('project_a'), 'Expense', 'inbound', 'GBP')$$,
    'permission denied', 'rls violation', 'rows 1', 'rows 1', 'rows 1'),
('transactions', 'update', $$update public.transactions set status = 'Paid' where id = tests.id('txn_a')$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 1'),
('transactions', 'delete', $$delete from public.transactions where id = tests.id('txn_a')$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 1'),

('transaction_lines', 'select', $$select count(*) from public.transaction_lines where id in (tests.id('line_a'), tests.id('line_b'))$$,
    'rows 0', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
('transaction_lines', 'insert', $$insert into public.transaction_lines (transaction_id, line_number, amount) values (tests.id('txn_a'), 2, 1.00)$$,
    'permission denied', 'rls violation', 'rows 1', 'rows 1', 'rows 1'),
('transaction_lines', 'update', $$update public.transaction_lines set description = 'Return ticket' where id = tests.id('line_a')$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 1'),
('transaction_lines', 'delete', $$delete from public.transaction_lines where id = tests.id('line_a')$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 1'),

/* ------------------------------------ integrations: members read, integration:manage changes */
('project_integrations', 'select', $$select count(*) from public.project_integrations where id in (tests.id('pi_a'), tests.id('pi_b'))$$,
    'rows 0', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
('project_integrations', 'insert', $$insert into public.project_integrations (project_id, provider_id) values (tests.id('project_a'), tests.id('provider_spare'))$$,
    'permission denied', 'rls violation', 'rls violation', 'rows 1', 'rows 1'),
('project_integrations', 'update', $$update public.project_integrations set is_enabled = false where id = tests.id('pi_a')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),
-- clients disable an integration; deleting one would take its sync logs (the audit trail)
-- and its credential row with it and leave the Vault secret behind: service_role only
('project_integrations', 'delete', $$delete from public.project_integrations where id = tests.id('pi_a')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 0', 'rows 1'),

('project_integration_features', 'select', $$select count(*) from public.project_integration_features where id in (tests.id('pif_a'), tests.id('pif_b'))$$,
    'rows 0', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
('project_integration_features', 'insert', $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled) values (tests.id('pi_a'), tests.id('feature_2'), false)$$,
    'permission denied', 'rls violation', 'rls violation', 'rows 1', 'rows 1'),
('project_integration_features', 'update', $$update public.project_integration_features set is_enabled = true where id = tests.id('pif_a')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),
('project_integration_features', 'delete', $$delete from public.project_integration_features where id = tests.id('pif_a')$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 1'),

('integration_entity_mappings', 'select', $$select count(*) from public.integration_entity_mappings where id in (tests.id('map_a'), tests.id('map_b'))$$,
    'rows 0', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
('integration_entity_mappings', 'insert', $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id, created_via) values (tests.id('pi_a'), 'vendor', tests.id('rel_a_free'), 'new-external', 'link')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_entity_mappings', 'update', $$update public.integration_entity_mappings set is_stale = true where id = tests.id('map_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_entity_mappings', 'delete', $$delete from public.integration_entity_mappings where id = tests.id('map_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

/* ----------------------------------------------------- credentials: service_role only */
('integration_credentials', 'select', $$select count(*) from public.integration_credentials where id in (tests.id('cred_a'), tests.id('cred_b'))$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 2'),
('integration_credentials', 'insert', $$insert into public.integration_credentials (provider_id, scope, vault_secret_id) values (tests.id('provider'), 'global', tests.id('secret_global'))$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_credentials', 'update', $$update public.integration_credentials set scopes = '{accounting}' where id = tests.id('cred_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_credentials', 'delete', $$delete from public.integration_credentials where id = tests.id('cred_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

/* ---------------- sync logs (integration:logs:view) and reference data: read-only for clients */
('integration_sync_logs', 'select', $$select count(*) from public.integration_sync_logs where id in (tests.id('log_a'), tests.id('log_b'))$$,
    'rows 0', 'rows 0', 'rows 0', 'rows 1', 'rows 2'),
('integration_sync_logs', 'insert', $$insert into public.integration_sync_logs (project_id, project_integration_id, provider_id, trigger_type, direction, action) values (tests.id('project_a'), tests.id('pi_a'), tests.id('provider'), 'on_manual', 'inbound', 'forged')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_sync_logs', 'update', $$update public.integration_sync_logs set status = 'success' where id = tests.id('log_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_sync_logs', 'delete', $$delete from public.integration_sync_logs where id = tests.id('log_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),

/* --------- configuration history (integration:manage): written only by triggers, never the API */
('integration_config_history', 'select', $$select count(distinct project_id) from public.integration_config_history where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'rows 0', 'rows 0', 'rows 0', 'rows 1', 'rows 2'),
('integration_config_history', 'insert', $$insert into public.integration_config_history (project_id, project_integration_id, provider_id, actor_kind, object, action) values (tests.id('project_a'), tests.id('pi_a'), tests.id('provider'), 'system', 'feature', 'forged')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'permission denied'),
('integration_config_history', 'update', $$update public.integration_config_history set action = 'forged' where project_id = tests.id('project_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'permission denied'),
('integration_config_history', 'delete', $$delete from public.integration_config_history where project_id = tests.id('project_a')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'permission denied'),

-- the global row (no project integration) is shared reference data: every signed-in user
('integration_reference_data', 'select', $$select count(*) from public.integration_reference_data where id in (tests.id('ref_a'), tests.id('ref_b'), tests.id('ref_global'))$$,
    'rows 0', 'rows 1', 'rows 2', 'rows 2', 'rows 3'),
('integration_reference_data', 'insert', $$insert into public.integration_reference_data (provider_id, project_integration_id, kind, external_id, name) values (tests.id('provider'), tests.id('pi_a'), 'account', '2', 'Forged')$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 1'),
('integration_reference_data', 'update', $$update public.integration_reference_data set name = 'Changed' where id in (tests.id('ref_a'), tests.id('ref_global'))$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 2'),
('integration_reference_data', 'delete', $$delete from public.integration_reference_data where id in (tests.id('ref_a'), tests.id('ref_global'))$$,
    'permission denied', 'permission denied', 'permission denied', 'permission denied', 'rows 2'),

/* ----------------------------------------- views: select only, the caller's RLS applies */
('v_project_integrations', 'select', $$select count(*) from public.v_project_integrations where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'permission denied', 'rows 0', 'rows 1', 'rows 1', 'rows 2'),
('v_integration_config_history', 'select', $$select count(distinct project_id) from public.v_integration_config_history where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 2'),
('v_integration_sync_logs', 'select', $$select count(*) from public.v_integration_sync_logs where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 1', 'rows 2'),
-- the fixture's provider is not HMRC or Companies House, so these see no rows here;
-- provider_views_show_only_own_projects.test.sql proves their row separation with data
('v_hmrc_open_vat_obligations', 'select', $$select count(*) from public.v_hmrc_open_vat_obligations$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 0', 'rows 0'),
('v_hmrc_paye_levy_declarations', 'select', $$select count(*) from public.v_hmrc_paye_levy_declarations$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 0', 'rows 0'),
('v_companies_house_company_changes', 'select', $$select count(*) from public.v_companies_house_company_changes$$,
    'permission denied', 'rows 0', 'rows 0', 'rows 0', 'rows 0'),
('v_project_integration_features', 'select', $$select count(*) from public.v_project_integration_features where project_id in (tests.id('project_a'), tests.id('project_b'))$$,
    'permission denied', 'rows 0', 'rows 2', 'rows 2', 'rows 4');

-- Beyond the matrix: writes that cross from project A's people into project B, and
-- attempts to escalate, each as one actor.
create temp table rls_extra_cases (
    ord serial,
    description text not null,
    actor text not null,
    statement text not null,
    expected text not null
) on commit drop;

insert into rls_extra_cases (description, actor, statement, expected) values
('owner of A updating a relationship of B', 'rls_owner',
    $$update public.project_relationships set display_name = 'x' where id = tests.id('rel_b')$$, 'rows 0'),
('owner of A inserting a relationship into B', 'rls_owner',
    $$insert into public.project_relationships (project_id, entity_type, display_name) values (tests.id('project_b'), 'Business', 'x')$$, 'rls violation'),
('member of A moving a relationship of A into B', 'rls_member',
    $$update public.project_relationships set project_id = tests.id('project_b') where id = tests.id('rel_a_free')$$,
    'PB409: a relationship stays in the project it was created in'),
('member of A linking a transaction of A to a relationship of B', 'rls_member',
    $$update public.transactions set relationship_id = tests.id('rel_b') where id = tests.id('txn_a')$$, 'rls violation'),
('member of A creating a transaction in A on a relationship of B', 'rls_member',
    $$insert into public.transactions (project_id, relationship_id, transaction_type, transaction_direction, currency_code) values (tests.id('project_a'), tests.id('rel_b'), 'Expense', 'inbound', 'GBP')$$, 'rls violation'),
('member of A linking a transaction of A to another relationship of A', 'rls_member',
    $$update public.transactions set relationship_id = tests.id('rel_a_free') where id = tests.id('txn_a')$$, 'rows 1'),
('owner of A updating the integration of B', 'rls_owner',
    $$update public.project_integrations set is_enabled = false where id = tests.id('pi_b')$$, 'rows 0'),
('owner of A marking their integration Connected by hand', 'rls_owner',
    $$update public.project_integrations set status = 'Connected' where id = tests.id('pi_a')$$, 'permission denied'),
('owner of A setting the external account of their integration', 'rls_owner',
    $$update public.project_integrations set external_account_id = '9130' where id = tests.id('pi_a')$$, 'permission denied'),
('owner of A inserting an integration that claims to be Connected', 'rls_owner',
    $$insert into public.project_integrations (project_id, provider_id, status) values (tests.id('project_a'), tests.id('provider_spare'), 'Connected')$$, 'permission denied'),
('owner of A moving a feature''s schedule state', 'rls_owner',
    $$update public.project_integration_features set next_run_at = now() where id = tests.id('pif_a')$$, 'permission denied'),
('owner of A overriding a feature of B''s integration', 'rls_owner',
    $$insert into public.project_integration_features (project_integration_id, feature_id) values (tests.id('pi_b'), tests.id('feature_2'))$$, 'rls violation'),
('owner of A deleting a feature override of B', 'rls_owner',
    $$delete from public.project_integration_features where id = tests.id('pif_b')$$, 'rows 0'),
('owner of A mapping into B''s integration', 'rls_owner',
    $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id) values (tests.id('pi_b'), 'vendor', 'i', 'e')$$, 'permission denied'),
('owner of A adding themselves to B', 'rls_owner',
    $$insert into public.project_members (project_id, user_id, role_id) select tests.id('project_b'), auth.uid(), id from public.roles where key = 'project:owner'$$, 'rls violation'),
('member of A promoting themselves to owner', 'rls_member',
    $$update public.project_members set role_id = (select id from public.roles where key = 'project:owner') where user_id = auth.uid()$$, 'rows 0'),
-- the forged created_by is ignored (who_columns_set_by_the_server.test.sql)
('outsider creating a project in someone else''s name creates it in their own', 'rls_outsider',
    $$insert into public.projects (name, created_by) values ('x', tests.user_id('rls_owner'))$$, 'rows 1'),
('outsider adding themselves to A', 'rls_outsider',
    $$insert into public.project_members (project_id, user_id, role_id) select tests.id('project_a'), auth.uid(), id from public.roles where key = 'project:member'$$, 'rls violation'),
('member of A seeing the logs of A through the view', 'rls_member',
    $$select count(*) from public.v_integration_sync_logs where project_id = tests.id('project_a')$$, 'rows 0'),
-- PostgREST's insert with Prefer: return=representation (supabase-js .insert().select())
('a user creating a project gets it back (insert ... returning)', 'rls_outsider',
    $$with pgrst_source as (insert into public.projects (name, country_code, created_by) values ('Mine', 'GB', auth.uid()) returning *) select id from pgrst_source$$, 'rows 1');

-- The worker paths: for every table a client can write, the worker code that reads it
-- (grep python_workers for the table) and the ways a client's row could hand a worker
-- another project's id, each refused by the database (constraint or trigger), whoever
-- writes: the run's order (the sync log), a mapping, or the row itself.
create temp table worker_path_cases (
    ord serial,
    relation text not null,
    worker_paths text not null,
    description text not null,
    actor text not null,
    statement text not null,
    expected text not null
) on commit drop;

insert into worker_path_cases (relation, worker_paths, description, actor, statement, expected) values
('projects', 'none (workers reach a project through its integration)',
    'owner of A taking over B by rewriting its creator', 'rls_owner',
    $$update public.projects set created_by = auth.uid() where id = tests.id('project_b')$$, 'rows 0'),
('project_members', 'none',
    'owner of A adding a member to B', 'rls_owner',
    $$insert into public.project_members (project_id, user_id, role_id) select tests.id('project_b'), tests.user_id('rls_member'), id from public.roles where key = 'project:member'$$, 'rls violation'),
('project_relationships', 'companies_house/service.py targets (company mappings), quickbooks/records.py relationships and quickbooks/service.py (vendor/customer runs)',
    'a run of A''s integration ordered onto a relationship of B', 'postgres',
    $$insert into public.integration_sync_logs (project_id, project_integration_id, provider_id, trigger_type, direction, action, entity_type, entity_id) values (tests.id('project_a'), tests.id('pi_a'), tests.id('provider'), 'on_manual', 'outbound', 'sync_vendor', 'vendor', tests.id('rel_b'))$$,
    'PB409'),
('project_relationships', 'companies_house/service.py targets',
    'a company mapping of A''s integration onto a relationship of B', 'service_role',
    $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id) values (tests.id('pi_a'), 'company', tests.id('rel_b'), '01234567')$$,
    'PB409'),
('project_relationships', 'all of the above',
    'a relationship of A moved into B under its id', 'postgres',
    $$update public.project_relationships set project_id = tests.id('project_b') where id = tests.id('rel_a_free')$$,
    'PB409'),
('transactions', 'quickbooks/changes.py payment_received (marks Paid through the transaction mapping)',
    'a transaction mapping of A''s integration onto a transaction of B', 'postgres',
    $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id) values (tests.id('pi_a'), 'transaction', tests.id('txn_b'), 'Invoice:9')$$,
    'PB409'),
('transactions', 'quickbooks/records.py transactions, quickbooks/transactions.py (batches by entity_ids)',
    'a batch run of A''s integration naming a transaction of B', 'postgres',
    $$insert into public.integration_sync_logs (project_id, project_integration_id, provider_id, trigger_type, direction, action, entity_type, entity_id, details) values (tests.id('project_a'), tests.id('pi_a'), tests.id('provider'), 'on_manual', 'outbound', 'sync_transaction', 'transaction', 'batch:' || tests.id('txn_a'), jsonb_build_object('params', jsonb_build_object('entity_ids', jsonb_build_array(tests.id('txn_a'), tests.id('txn_b')))))$$,
    'PB409'),
('transactions', 'quickbooks/records.py transactions (its relationship)',
    'a transaction of A on a relationship of B, written by a worker', 'postgres',
    $$update public.transactions set relationship_id = tests.id('rel_b') where id = tests.id('txn_a')$$,
    '23503'),
('transaction_lines', 'quickbooks/records.py transactions (lines by transaction id)',
    'member of A adding a line to a transaction of B', 'rls_member',
    $$insert into public.transaction_lines (transaction_id, line_number, amount) values (tests.id('txn_b'), 2, 1.00)$$,
    'rls violation'),
('project_integrations', 'engine/logs.py claim, credentials/*, quickbooks/reference.py (the run''s integration)',
    'a run of A''s integration filed under project B', 'postgres',
    $$insert into public.integration_sync_logs (project_id, project_integration_id, provider_id, trigger_type, direction, action) values (tests.id('project_b'), tests.id('pi_a'), tests.id('provider'), 'on_manual', 'inbound', 'noop')$$,
    'PB409'),
('project_integrations', 'all of the above',
    'an integration of A moved into B', 'service_role',
    $$update public.project_integrations set project_id = tests.id('project_b') where id = tests.id('pi_a')$$,
    'PB409'),
('project_integration_features', 'engine/logs.py finish (last_run_at), quickbooks/service.py and transactions.py (v_project_integration_features)',
    'owner of A overriding a feature on B''s integration', 'rls_owner',
    $$insert into public.project_integration_features (project_integration_id, feature_id) values (tests.id('pi_b'), tests.id('feature_2'))$$,
    'rls violation'),
('project_integration_features', 'the same',
    'an override naming a feature of another provider', 'postgres',
    $$update public.project_integration_features set feature_id = (select id from public.integration_features where provider_id <> tests.id('provider') limit 1) where id = tests.id('pif_a')$$,
    'PB409');

select plan(
    (select count(*)::int from rls_cases) * 5
    + (select count(*)::int from rls_extra_cases)
    + (select count(*)::int from worker_path_cases)
    + 2
);

-- the matrix covers every table in public x 4 operations and every view x select
select set_eq(
    $$select relation, operation from rls_cases$$,
    $$
    select c.relname::text, o.operation
    from pg_class as c
    cross join unnest(array['select', 'insert', 'update', 'delete']) as o (operation)
    where c.relnamespace = 'public'::regnamespace
        and (c.relkind = 'r' or (c.relkind = 'v' and o.operation = 'select'))
        and not exists (select from pg_depend as d where d.objid = c.oid and d.deptype = 'e')
    $$,
    'the RLS matrix has a case for every table x operation and every view x select'
);

select is(
    tests.outcome(a.actor, c.statement),
    a.expected,
    format('%s %s as %s', c.relation, c.operation, a.label)
)
from rls_cases as c
cross join lateral (
    values
    (1, 'anon', 'anon', c.anon),
    (2, 'authenticated non-member', 'rls_outsider', c.outsider),
    (3, 'member without the permission (project:member)', 'rls_member', c.member),
    (4, 'member with it (project:owner)', 'rls_owner', c.owner),
    (5, 'service_role', 'service_role', c.service_role)
) as a (ord, label, actor, expected)
order by c.ord, a.ord;

select is(tests.outcome(e.actor, e.statement), e.expected, e.description)
from rls_extra_cases as e
order by e.ord;

-- every table a client can write has its worker paths named
select set_eq(
    $$select distinct relation from worker_path_cases$$,
    $$
    select c.relname::text from pg_class as c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and (has_table_privilege('authenticated', c.oid, 'insert')
            or has_table_privilege('authenticated', c.oid, 'update')
            or has_table_privilege('authenticated', c.oid, 'delete'))
    $$,
    'the worker-paths table names every table a client can write'
);

select is(
    left(tests.outcome(w.actor, w.statement), length(w.expected)),
    w.expected,
    format('%s (read by %s): %s', w.relation, w.worker_paths, w.description)
)
from worker_path_cases as w
order by w.ord;

select * from finish();
rollback;
