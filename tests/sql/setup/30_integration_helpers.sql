-- Test helpers for the auto-enable tests: a project's integrations and the effective state
-- of their features, as compact rows to compare with results_eq.
-- Applied by tests/run.py to the test database only; never a migration.

-- One row per project integration: provider key, enabled, by whom, connection status.
create or replace function tests.integrations_of(p_project_id uuid)
returns table (provider_key text, is_enabled boolean, enabled_by text, status text)
language sql stable
set search_path = ''
as $$
    select p.key, pi.is_enabled, pi.enabled_by, pi.status::text
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id
    order by p.key
$$;

-- Per provider of the project: how many features are effectively enabled on exactly their
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
    where pi.project_id = p_project_id
    order by p.key
$$;
