-- auto_enable_integrations(): projects switch integrations on and off by country.
-- INSERT: providers with auto_enable_for_country covering the project's country get a
-- project integration (Pending until connected) with every feature enabled on its default
-- trigger. UPDATE of country_code: auto-enabled integrations the new country is not covered
-- by are disabled; those it is covered by are (re-)enabled with any missing features.
-- Integrations a person enabled or disabled (enabled_by = 'manual') are never touched, and
-- disabling keeps the feature rows, so per-project overrides survive GB -> US -> GB.
-- Statement-level with transition tables, so a bulk insert costs two set-based inserts.

create function private.auto_enable_integrations()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    -- the projects to (re)consider, with their new country (null: none)
    v_project_ids uuid [];
    v_countries text [];
begin
    if tg_op = 'INSERT' then
        select array_agg(n.id), array_agg(n.country_code)
        into v_project_ids, v_countries
        from new_rows as n
        where n.country_code is not null;
    else
        select array_agg(n.id), array_agg(n.country_code)
        into v_project_ids, v_countries
        from new_rows as n
        inner join old_rows as o on n.id = o.id
        where n.country_code is distinct from o.country_code;
    end if;
    if v_project_ids is null then
        return null;
    end if;

    if tg_op = 'UPDATE' then
        update public.project_integrations as pi
        set is_enabled = false
        from unnest(v_project_ids, v_countries) as c (project_id, country_code)
        where pi.project_id = c.project_id
            and pi.enabled_by = 'auto'
            and pi.is_enabled
            and not exists (
                select
                from public.integration_provider_countries as pc
                inner join public.integration_providers as p on pc.provider_id = p.id
                where pc.provider_id = pi.provider_id
                    and pc.country_code = c.country_code
                    and p.auto_enable_for_country
                    and p.is_active
            );
    end if;

    with enabled as (
        insert into public.project_integrations as pi (project_id, provider_id, enabled_by)
        select c.project_id, p.id, 'auto'
        from unnest(v_project_ids, v_countries) as c (project_id, country_code)
        inner join public.integration_provider_countries as pc on pc.country_code = c.country_code
        inner join public.integration_providers as p
            on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active
        on conflict (project_id, provider_id) do update
        set is_enabled = true
        where pi.enabled_by = 'auto'
        returning pi.id, pi.provider_id
    )

    insert into public.project_integration_features (project_integration_id, feature_id)
    select e.id, f.id
    from enabled as e
    inner join public.integration_features as f
        on e.provider_id = f.provider_id and f.is_active
    on conflict (project_integration_id, feature_id) do nothing;

    return null;
end
$$;

comment on function private.auto_enable_integrations() is
'Trigger on projects: switches country-covered integrations on and off (original design).';

create trigger "20_auto_enable_integrations_insert"
after insert on public.projects
referencing new table as new_rows
for each statement execute function private.auto_enable_integrations();

create trigger "20_auto_enable_integrations_update"
after update on public.projects
referencing old table as old_rows new table as new_rows
for each statement execute function private.auto_enable_integrations();

revoke all on function private.auto_enable_integrations() from public;
