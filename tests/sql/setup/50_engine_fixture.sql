-- The sync engine tests' fixture, built inside the test's transaction: a provider of our
-- own (engine_test) with one feature per trigger type, a project (FR: nothing auto-enables
-- there) with the provider's integration Connected, and compact views of what got queued.
-- Applied by tests/run.py to the test database only; never a migration.

create or replace function tests.create_engine_fixture()
returns void
language plpgsql
set search_path = ''
as $$
begin
    insert into public.integration_providers (id, key, name, auth_method, credential_scope, server_actions)
    values (tests.id('eng_provider'), 'engine_test', 'Engine test provider', 'none', 'per_project', '{act}');
    insert into public.integration_features (
        id, provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type,
        server_action
    ) values
    (tests.id('eng_expenses'), tests.id('eng_provider'), 'expenses', 'Expenses', 'on_status_change',
        '{"entity": "transactions", "filter": {"status": "Approved", "transaction_type": ["Expense", "Invoice"]}}',
        'outbound', 'transaction', 'act'),
    (tests.id('eng_vendors'), tests.id('eng_provider'), 'vendors', 'Vendors', 'on_status_change',
        '{"entity": "project_relationships", "filter": {"status": "Active", "role_can_be_vendor": true}}',
        'outbound', 'vendor', 'act'),
    (tests.id('eng_manual'), tests.id('eng_provider'), 'manual', 'Manual', 'on_manual',
        '{"entity": "projects"}', 'inbound', 'thing', 'act'),
    (tests.id('eng_nightly'), tests.id('eng_provider'), 'nightly', 'Nightly', 'on_schedule',
        '{"entity": "projects", "schedule": "0 2 * * *"}', 'inbound', 'reference', 'act'),
    (tests.id('eng_lookup'), tests.id('eng_provider'), 'lookup', 'Lookup', 'on_link',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business"}}', 'inbound', 'company', 'act'),
    (tests.id('eng_events'), tests.id('eng_provider'), 'events', 'Events', 'realtime',
        '{"entity": "transactions"}', 'inbound', 'payment', 'act');
    insert into public.projects (id, name, country_code) values (tests.id('eng_project'), 'Engine', 'FR');
    insert into public.project_integrations (id, project_id, provider_id, status)
    values (tests.id('eng_integration'), tests.id('eng_project'), tests.id('eng_provider'), 'Connected');
end
$$;

-- A transaction of the fixture's project.
create or replace function tests.engine_transaction(p_name text, p_type text, p_status text)
returns uuid
language sql
set search_path = ''
as $$
    insert into public.transactions (id, project_id, transaction_type, transaction_direction, status, currency_code)
    values (tests.id(p_name), tests.id('eng_project'), p_type, 'inbound', p_status, 'GBP')
    returning id
$$;

-- What is queued: one row per sync log of the fixture's project, with its job's state.
create or replace function tests.engine_queue()
returns table (feature text, trigger_type text, entity_id text, status text, job_status text)
language sql stable
set search_path = ''
as $$
    select f.key, l.trigger_type::text, l.entity_id, l.status::text, j.status::text
    from public.integration_sync_logs as l
    left join public.integration_features as f on l.feature_id = f.id
    left join procrastinate.procrastinate_jobs as j on (j.args ->> 'log_id')::uuid = l.id
    where l.project_id = tests.id('eng_project')
    order by f.key, l.entity_id, l.created_at
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
