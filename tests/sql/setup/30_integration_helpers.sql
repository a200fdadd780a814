-- Test helpers for the auto-enable tests: their providers, a project's integrations and
-- the effective state of their features, as compact rows to compare with results_eq.
-- The tests watch the fixture providers only (keys fixture_*), so the real providers can
-- come and go without breaking them.
-- Applied by tests/run.py to the test database only; never a migration.

-- Beside fixture_ledger (GB, NZ; tests/fixture_provider/), registered in the test's
-- transaction: fixture_wide (GB, US, CA, IE: a provider sold in many countries, two
-- features) and fixture_local (GB only, one feature), both auto-enabled.
create or replace function tests.register_auto_enable_providers()
returns void
language sql
set search_path = ''
as $$
    select private.register_provider($json$
    {
        "key": "fixture_wide", "name": "Fixture Wide", "auth_method": "oauth2", "credential_scope": "per_project",
        "auto_enable_for_country": true, "countries": ["GB", "US", "CA", "IE"], "server_actions": ["pull", "push"],
        "features": [
            {"key": "pulls", "name": "Pulls", "default_trigger": "on_schedule",
             "default_trigger_config": {"entity": "projects", "schedule": "0 4 * * *"},
             "sync_direction": "inbound", "entity_type": "pull", "server_action": "pull"},
            {"key": "pushes", "name": "Pushes", "default_trigger": "on_manual", "default_trigger_config": {"entity": "transactions"},
             "sync_direction": "outbound", "entity_type": "transaction", "server_action": "push"}
        ]
    }
    $json$::jsonb);
    select private.register_provider($json$
    {
        "key": "fixture_local", "name": "Fixture Local", "auth_method": "api_key", "credential_scope": "per_project",
        "auto_enable_for_country": true, "countries": ["GB"], "server_actions": ["pull"],
        "features": [
            {"key": "pulls", "name": "Pulls", "default_trigger": "on_manual", "default_trigger_config": {"entity": "projects"},
             "sync_direction": "inbound", "entity_type": "pull", "server_action": "pull"}
        ]
    }
    $json$::jsonb);
$$;

-- One row per project integration of a fixture provider: provider key, enabled, by whom,
-- connection status.
create or replace function tests.integrations_of(p_project_id uuid)
returns table (provider_key text, is_enabled boolean, enabled_by text, status text)
language sql stable
set search_path = ''
as $$
    select p.key, pi.is_enabled, pi.enabled_by, pi.status::text
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key like 'fixture\_%'
    order by p.key
$$;

-- Per fixture provider of the project: how many features are effectively enabled on exactly their
-- default trigger and config, and how many active features the catalogue gives it.
create or replace function tests.default_features_of(p_project_id uuid)
returns table (provider_key text, enabled_on_default integer, catalogue_features integer)
language sql stable
set search_path = ''
as $$
    select
        p.key,
        (
            select count(*)::integer
            from public.v_project_integration_features as v
            where v.project_integration_id = pi.id
                and v.is_enabled
                and v.trigger_type = v.default_trigger
                and v.trigger_config = v.default_trigger_config
        ),
        (
            select count(*)::integer
            from public.integration_features as f
            where f.provider_id = p.id and f.is_active
        )
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key like 'fixture\_%'
    order by p.key
$$;
