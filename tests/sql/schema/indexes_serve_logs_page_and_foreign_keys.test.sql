-- Proves: the Logs page's two keyset-paging indexes exist exactly as (project_id,
-- created_at desc, id desc) and (project_integration_id, created_at desc, id desc); the
-- other named indexes exist; and every foreign key in public has an index led by its
-- columns, so cascades and joins from the parent never scan the child table.
begin;
select plan(23);

select is(
    pg_get_indexdef('public.integration_sync_logs_project_time_idx'::regclass),
    'CREATE INDEX integration_sync_logs_project_time_idx ON public.integration_sync_logs USING btree (project_id, created_at DESC, id DESC)',
    'sync logs: (project_id, created_at desc, id desc) for the Logs page of a project'
);
select is(
    pg_get_indexdef('public.integration_sync_logs_project_integration_time_idx'::regclass),
    'CREATE INDEX integration_sync_logs_project_integration_time_idx ON public.integration_sync_logs USING btree (project_integration_id, created_at DESC, id DESC)',
    'sync logs: (project_integration_id, created_at desc, id desc) for the Logs page of one integration'
);

select has_index('public', 'integration_sync_logs', 'integration_sync_logs_feature_id_idx', array['feature_id'], 'index on sync logs feature_id');
select has_index('public', 'integration_sync_logs', 'integration_sync_logs_provider_id_idx', array['provider_id'], 'index on sync logs provider_id');
select has_index('public', 'integration_sync_logs', 'integration_sync_logs_requested_by_idx', array['requested_by'], 'index on sync logs requested_by');
select has_index('public', 'project_members', 'project_members_user_id_idx', array['user_id'], 'index on project_members user_id (RLS membership look-ups)');
select has_index('public', 'project_members', 'project_members_role_id_idx', array['role_id'], 'index on project_members role_id');
select has_index('public', 'role_permissions', 'role_permissions_permission_key_idx', array['permission_key'], 'index on role_permissions permission_key');
select has_index('public', 'projects', 'projects_created_by_idx', array['created_by'], 'index on projects created_by');
select has_index('public', 'project_relationships', 'project_relationships_project_id_idx', array['project_id'], 'index on relationships project_id');
select has_index('public', 'project_relationships', 'project_relationships_company_number_idx', array['company_number'], 'index on relationships company_number');
select has_index('public', 'transactions', 'transactions_project_id_status_idx', array['project_id', 'status'], 'index on transactions (project_id, status)');
select has_index('public', 'transactions', 'transactions_relationship_id_idx', array['relationship_id', 'project_id'], 'index on transactions (relationship_id, project_id): its same-project key');
select has_index('public', 'menu_items', 'menu_items_parent_key_idx', array['parent_key'], 'index on menu_items parent_key');
select has_index('public', 'menu_items', 'menu_items_permission_key_idx', array['permission_key'], 'index on menu_items permission_key');
select has_index('public', 'integration_provider_countries', 'integration_provider_countries_country_code_idx', array['country_code'], 'index on provider countries country_code (auto-enable look-ups)');
select has_index('public', 'project_integrations', 'project_integrations_provider_id_idx', array['provider_id'], 'index on project_integrations provider_id');
select has_index('public', 'project_integration_features', 'project_integration_features_feature_id_idx', array['feature_id'], 'index on project_integration_features feature_id');
select has_index('public', 'integration_entity_mappings', 'integration_entity_mappings_created_by_idx', array['created_by'], 'index on mappings created_by');
select has_index('public', 'integration_reference_data', 'integration_reference_data_provider_kind_idx', array['provider_id', 'kind'], 'index on reference data (provider_id, kind)');
select index_is_unique('public', 'integration_credentials', 'integration_credentials_global_uidx', 'unique index: one global credential per provider');
select index_is_unique('public', 'integration_credentials', 'integration_credentials_project_integration_uidx', 'unique index: one credential per project integration');

-- Every foreign key has an index whose leading columns are the key's columns.
select is_empty(
    $$
    select format('%s (%s)', c.conrelid::regclass, (
        select string_agg(a.attname, ', ' order by k.ord)
        from unnest(c.conkey) with ordinality as k (attnum, ord)
        inner join pg_attribute as a on a.attrelid = c.conrelid and a.attnum = k.attnum
    ))
    from pg_constraint as c
    where c.contype = 'f'
        and c.connamespace = 'public'::regnamespace
        and not exists (
            select from pg_index as i
            where i.indrelid = c.conrelid
                and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.@>) c.conkey
                and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.<@) c.conkey
        )
    $$,
    'every foreign key in public is covered by an index led by its columns'
);

select * from finish();
rollback;
