-- Proves: every table has its primary key, and the unique keys that keep data sane hold:
-- one project integration per (project, provider); one mapping per (project integration,
-- entity type, internal id) and per (project integration, entity type, external id);
-- reference data unique per (project integration or global, kind, external id) -- two
-- global rows collide too (nulls not distinct); one global credential per provider and
-- one credential per project integration.
begin;
select plan(36);

select col_is_pk('public', 'projects', 'id', 'projects: pk id');
select col_is_pk('public', 'roles', 'id', 'roles: pk id');
select col_is_pk('public', 'permissions', 'key', 'permissions: pk key');
select col_is_pk('public', 'role_permissions', array['role_id', 'permission_key'], 'role_permissions: pk (role_id, permission_key)');
select col_is_pk('public', 'project_members', array['project_id', 'user_id'], 'project_members: pk (project_id, user_id)');
select col_is_pk('public', 'project_relationships', 'id', 'project_relationships: pk id');
select col_is_pk('public', 'transactions', 'id', 'transactions: pk id');
select col_is_pk('public', 'transaction_lines', 'id', 'transaction_lines: pk id');
select col_is_pk('public', 'menu_items', 'key', 'menu_items: pk key');
select col_is_pk('public', 'integration_providers', 'id', 'integration_providers: pk id');
select col_is_pk('public', 'integration_provider_countries', array['provider_id', 'country_code'], 'integration_provider_countries: pk (provider_id, country_code)');
select col_is_pk('public', 'integration_features', 'id', 'integration_features: pk id');
select col_is_pk('public', 'project_integrations', 'id', 'project_integrations: pk id');
select col_is_pk('public', 'integration_credentials', 'id', 'integration_credentials: pk id');
select col_is_pk('public', 'project_integration_features', 'id', 'project_integration_features: pk id');
select col_is_pk('public', 'integration_sync_logs', 'id', 'integration_sync_logs: pk id');
select col_is_pk('public', 'integration_entity_mappings', 'id', 'integration_entity_mappings: pk id');
select col_is_pk('public', 'integration_reference_data', 'id', 'integration_reference_data: pk id');

select col_is_unique('public', 'roles', array['key'], 'roles: unique key');
select col_is_unique('public', 'integration_providers', array['key'], 'integration_providers: unique key');
select col_is_unique('public', 'integration_features', array['provider_id', 'key'], 'integration_features: unique (provider_id, key)');
select col_is_unique('public', 'project_integrations', array['project_id', 'provider_id'], 'project_integrations: unique (project_id, provider_id)');
select col_is_unique('public', 'project_integration_features', array['project_integration_id', 'feature_id'], 'project_integration_features: unique (project_integration_id, feature_id)');
select col_is_unique('public', 'transaction_lines', array['transaction_id', 'line_number'], 'transaction_lines: unique (transaction_id, line_number)');
select col_is_unique('public', 'integration_entity_mappings', array['project_integration_id', 'entity_type', 'internal_id'], 'mappings: unique (project_integration_id, entity_type, internal_id)');
select col_is_unique('public', 'integration_entity_mappings', array['project_integration_id', 'entity_type', 'external_id'], 'mappings: unique (project_integration_id, entity_type, external_id)');
select col_is_unique('public', 'integration_reference_data', array['project_integration_id', 'provider_id', 'kind', 'external_id'], 'reference data: unique (project_integration_id, provider_id, kind, external_id)');

-- behaviour: a fixture project (GB, so QuickBooks is auto-enabled) and its integration
insert into public.projects (id, name, country_code) values (tests.id('keys_project'), 'Keys', 'GB');
create temp table qb on commit drop as
select pi.id as pi_id, pi.provider_id
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id
where pi.project_id = tests.id('keys_project') and p.key = 'quickbooks';

select throws_ok(
    $$insert into public.project_integrations (project_id, provider_id) select tests.id('keys_project'), provider_id from qb$$,
    '23505', null, 'a second integration of the same provider in one project is refused'
);

insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
select pi_id, 'account', 'rel-1', 'qb-1' from qb;
select throws_ok(
    $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
      select pi_id, 'account', 'rel-1', 'qb-2' from qb$$,
    '23505', null, 'one mapping per (integration, entity type, internal id)'
);
select throws_ok(
    $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
      select pi_id, 'account', 'rel-2', 'qb-1' from qb$$,
    '23505', null, 'one mapping per (integration, entity type, external id)'
);
select lives_ok(
    $$insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
      select pi_id, 'tax_code', 'rel-1', 'qb-1' from qb$$,
    'the same ids under another entity type are another mapping'
);

insert into public.integration_reference_data (provider_id, project_integration_id, kind, external_id, name)
select provider_id, null, 'sic_code', '62012', 'Business and domestic software development' from qb;
select throws_ok(
    $$insert into public.integration_reference_data (provider_id, project_integration_id, kind, external_id, name)
      select provider_id, null, 'sic_code', '62012', 'again' from qb$$,
    '23505', null, 'global reference data (no project integration) is unique per (kind, external id) too'
);
select lives_ok(
    $$insert into public.integration_reference_data (provider_id, project_integration_id, kind, external_id, name)
      select provider_id, pi_id, 'sic_code', '62012', 'per project' from qb$$,
    'a project integration may cache its own row beside the global one'
);

insert into public.integration_credentials (provider_id, scope, vault_secret_id)
select provider_id, 'global', gen_random_uuid() from qb;
select throws_ok(
    $$insert into public.integration_credentials (provider_id, scope, vault_secret_id)
      select provider_id, 'global', gen_random_uuid() from qb$$,
    '23505', null, 'one global credential per provider'
);
insert into public.integration_credentials (provider_id, project_integration_id, scope, vault_secret_id)
select provider_id, pi_id, 'per_project', gen_random_uuid() from qb;
select throws_ok(
    $$insert into public.integration_credentials (provider_id, project_integration_id, scope, vault_secret_id)
      select provider_id, pi_id, 'per_project', gen_random_uuid() from qb$$,
    '23505', null, 'one credential per project integration'
);
select throws_ok(
    $$insert into public.integration_credentials (provider_id, project_integration_id, scope, vault_secret_id)
      select provider_id, pi_id, 'global', gen_random_uuid() from qb$$,
    '23514', null, 'a global credential belongs to no project integration'
);

select * from finish();
rollback;
