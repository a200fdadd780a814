-- Proves: the nine integration tables of the original design and the host-app tables exist
-- in public with every one of their columns (names kept as the original design gives them;
-- later migrations may add columns, a missing one is listed by name),
-- and the columns typed by the six enums carry those types and defaults.
begin;
select plan(61);

-- the original design's nine tables
select has_table('public', 'integration_providers', 'table integration_providers exists');
select has_table('public', 'integration_provider_countries', 'table integration_provider_countries exists');
select has_table('public', 'integration_features', 'table integration_features exists');
select has_table('public', 'project_integrations', 'table project_integrations exists');
select has_table('public', 'integration_credentials', 'table integration_credentials exists');
select has_table('public', 'project_integration_features', 'table project_integration_features exists');
select has_table('public', 'integration_sync_logs', 'table integration_sync_logs exists');
select has_table('public', 'integration_entity_mappings', 'table integration_entity_mappings exists');
select has_table('public', 'integration_reference_data', 'table integration_reference_data exists');

-- host-app tables the features point at
select has_table('public', 'projects', 'table projects exists');
select has_table('public', 'roles', 'table roles exists');
select has_table('public', 'permissions', 'table permissions exists');
select has_table('public', 'role_permissions', 'table role_permissions exists');
select has_table('public', 'project_members', 'table project_members exists');
select has_table('public', 'project_relationships', 'table project_relationships exists');
select has_table('public', 'transactions', 'table transactions exists');
select has_table('public', 'transaction_lines', 'table transaction_lines exists');
select has_table('public', 'menu_items', 'table menu_items exists');

-- every column of every table and view (set_has lists any that is missing)
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_credentials'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'provider_id', 'project_integration_id', 'scope', 'vault_secret_id', 'token_expires_at', 'refresh_token_expires_at', 'scopes', 'external_account_id', 'created_at', 'updated_at'
    ])$$,
    'integration_credentials has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_entity_mappings'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_integration_id', 'entity_type', 'internal_id', 'external_id', 'external_version', 'sync_hash', 'created_via', 'is_stale', 'stale_reason', 'last_synced_at', 'created_by', 'created_at', 'updated_at'
    ])$$,
    'integration_entity_mappings has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_features'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'provider_id', 'key', 'name', 'description', 'default_trigger', 'default_trigger_config', 'sync_direction', 'entity_type', 'server_action', 'is_active', 'sort_order', 'created_at', 'updated_at'
    ])$$,
    'integration_features has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_provider_countries'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'provider_id', 'country_code'
    ])$$,
    'integration_provider_countries has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_providers'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'key', 'name', 'description', 'auth_method', 'credential_scope', 'auto_enable_for_country', 'is_active', 'website_url', 'docs_url', 'client_actions', 'server_actions', 'sort_order', 'created_at', 'updated_at'
    ])$$,
    'integration_providers has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_reference_data'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'provider_id', 'project_integration_id', 'kind', 'external_id', 'code', 'name', 'parent_external_id', 'is_active', 'data', 'fetched_at', 'deactivated_at'
    ])$$,
    'integration_reference_data has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.integration_sync_logs'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_id', 'project_integration_id', 'provider_id', 'feature_id', 'trigger_type', 'direction', 'status', 'action', 'entity_type', 'entity_id', 'external_id', 'records_processed', 'records_created', 'records_updated', 'records_skipped', 'records_failed', 'error_code', 'error_message', 'attempt', 'details', 'requested_by', 'created_at', 'started_at', 'finished_at', 'duration_ms', 'records_linked'
    ])$$,
    'integration_sync_logs has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.menu_items'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'key', 'parent_key', 'label', 'icon', 'sort_order', 'permission_key', 'path'
    ])$$,
    'menu_items has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.permissions'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'key', 'description'
    ])$$,
    'permissions has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.project_integration_features'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_integration_id', 'feature_id', 'is_enabled', 'trigger_type', 'trigger_config', 'last_run_at', 'next_run_at', 'created_at', 'updated_at'
    ])$$,
    'project_integration_features has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.project_integrations'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_id', 'provider_id', 'status', 'is_enabled', 'enabled_by', 'external_account_id', 'external_account_name', 'connected_at', 'connection_expires_at', 'last_error_code', 'last_error_message', 'last_error_at', 'settings', 'created_at', 'updated_at'
    ])$$,
    'project_integrations has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.project_members'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'project_id', 'user_id', 'role_id', 'created_at'
    ])$$,
    'project_members has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.project_relationships'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_id', 'entity_type', 'role_can_be_vendor', 'role_can_be_customer', 'display_name', 'legal_name', 'email', 'phone', 'website', 'address_line1', 'address_line2', 'city', 'region', 'postal_code', 'country_code', 'currency_code', 'tax_number', 'company_number', 'sic_codes', 'company_status', 'status', 'created_at', 'updated_at'
    ])$$,
    'project_relationships has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.projects'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'name', 'country_code', 'created_by', 'created_at', 'updated_at'
    ])$$,
    'projects has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.role_permissions'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'role_id', 'permission_key'
    ])$$,
    'role_permissions has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.roles'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'key', 'name'
    ])$$,
    'roles has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.transaction_lines'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'transaction_id', 'line_number', 'description', 'quantity', 'unit_amount', 'amount', 'tax_amount', 'account_code', 'tax_code', 'class_code'
    ])$$,
    'transaction_lines has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.transactions'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_id', 'relationship_id', 'transaction_type', 'transaction_direction', 'status', 'reference', 'description', 'transaction_date', 'due_date', 'currency_code', 'subtotal_amount', 'tax_amount', 'total_amount', 'payment_method', 'payment_account_code', 'created_at', 'updated_at'
    ])$$,
    'transactions has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.v_integration_sync_logs'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_id', 'project_integration_id', 'provider_id', 'provider_key', 'provider_name', 'feature_id', 'feature_key', 'feature_name', 'trigger_type', 'direction', 'status', 'action', 'entity_type', 'entity_id', 'external_id', 'records_processed', 'records_created', 'records_updated', 'records_skipped', 'records_failed', 'error_code', 'error_message', 'attempt', 'details', 'requested_by', 'created_at', 'started_at', 'finished_at', 'duration_ms', 'records_linked'
    ])$$,
    'v_integration_sync_logs has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.v_project_integration_features'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'project_integration_id', 'project_id', 'provider_id', 'provider_key', 'feature_id', 'feature_key', 'feature_name', 'feature_description', 'sync_direction', 'entity_type', 'server_action', 'integration_enabled', 'integration_status', 'is_enabled', 'trigger_type', 'trigger_config', 'default_trigger', 'default_trigger_config', 'is_overridden', 'override_id', 'last_run_at', 'next_run_at'
    ])$$,
    'v_project_integration_features has all its columns'
);
select set_has(
    $$select attname::text from pg_attribute where attrelid = 'public.v_project_integrations'::regclass and attnum > 0 and not attisdropped$$,
    $$select unnest(array[
        'id', 'project_id', 'provider_id', 'provider_key', 'provider_name', 'provider_description', 'auth_method', 'credential_scope', 'auto_enable_for_country', 'country_codes', 'status', 'is_enabled', 'enabled_by', 'external_account_id', 'external_account_name', 'connected_at', 'connection_expires_at', 'connection_expiry_warning', 'last_error_code', 'last_error_message', 'last_error_at', 'enabled_feature_count', 'created_at', 'updated_at'
    ])$$,
    'v_project_integrations has all its columns'
);

-- enum-typed columns
select col_type_is('public', 'integration_providers', 'auth_method', 'integration_auth_method', 'providers.auth_method is integration_auth_method');
select col_type_is('public', 'integration_providers', 'credential_scope', 'integration_credential_scope', 'providers.credential_scope is integration_credential_scope');
select col_type_is('public', 'integration_features', 'default_trigger', 'sync_trigger_type', 'features.default_trigger is sync_trigger_type');
select col_type_is('public', 'integration_features', 'default_trigger_config', 'jsonb', 'features.default_trigger_config is jsonb');
select col_type_is('public', 'integration_features', 'sync_direction', 'sync_direction', 'features.sync_direction is sync_direction');
select col_type_is('public', 'project_integrations', 'status', 'integration_connection_status', 'project_integrations.status is integration_connection_status');
select col_default_is('public', 'project_integrations', 'status', 'Pending', 'a project integration is Pending until connected');
select col_default_is('public', 'project_integrations', 'enabled_by', 'manual', 'a project integration is enabled by hand unless the country trigger says auto');
select col_type_is('public', 'integration_credentials', 'scope', 'integration_credential_scope', 'credentials.scope is integration_credential_scope');
select col_type_is('public', 'integration_credentials', 'vault_secret_id', 'uuid', 'credentials keep a Vault secret id (uuid), not the secret');
select col_type_is('public', 'project_integration_features', 'trigger_type', 'sync_trigger_type', 'project feature override trigger_type is sync_trigger_type');
select col_is_null('public', 'project_integration_features', 'trigger_type', 'trigger_type override is nullable (null: the feature default)');
select col_is_null('public', 'project_integration_features', 'trigger_config', 'trigger_config override is nullable (null: the feature default)');
select col_type_is('public', 'integration_sync_logs', 'trigger_type', 'sync_trigger_type', 'sync_logs.trigger_type is sync_trigger_type');
select col_type_is('public', 'integration_sync_logs', 'direction', 'sync_direction', 'sync_logs.direction is sync_direction');
select col_type_is('public', 'integration_sync_logs', 'status', 'sync_status', 'sync_logs.status is sync_status');
select col_default_is('public', 'integration_sync_logs', 'status', 'pending', 'a sync log starts pending');
select col_type_is('public', 'projects', 'country_code', 'text', 'projects.country_code is text');

-- the projects country is ISO 3166-1 alpha-2, checked
select lives_ok(
    $$insert into public.projects (name, country_code) values ('iso ok', 'GB'), ('no country', null)$$,
    'projects accept an ISO 3166-1 alpha-2 country or none'
);
select throws_ok(
    $$insert into public.projects (name, country_code) values ('not iso', 'UK')$$,
    '23514', null, 'projects reject a country code that is not ISO 3166-1 alpha-2 (UK)'
);
select throws_ok(
    $$insert into public.projects (name, country_code) values ('lower case', 'gb')$$,
    '23514', null, 'projects reject a lower-case country code'
);
select throws_ok(
    $$insert into public.integration_credentials (provider_id, scope, vault_secret_id)
      select p.id, 'per_project', gen_random_uuid() from public.integration_providers as p where p.key = 'hmrc'$$,
    '23514', null, 'a per_project credential needs its project integration'
);

select * from finish();
rollback;
