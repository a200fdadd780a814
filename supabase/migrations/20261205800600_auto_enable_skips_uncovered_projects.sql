-- A statement of projects no provider covers (a project created in a country without
-- integrations) inserts no project integration and no longer runs the empty insert, whose
-- statement triggers on project_integrations (history, rescheduling) ran for no row
-- (issue #22, plugboard bench auto_enable).

create or replace function private.auto_enable_integrations()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' then
        -- projects no provider covers get nothing: their insert would still fire the statement
        -- triggers of project_integrations (history, rescheduling) for no row
        if not exists (
            select
            from new_rows as n
            inner join public.integration_provider_countries as pc on n.country_code = pc.country_code
            inner join public.integration_providers as p
                on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active
        ) then
            return null;
        end if;
        -- new projects cannot have integrations yet: a plain insert, no conflict handling
        insert into public.project_integrations (project_id, provider_id, enabled_by)
        select n.id, p.id, 'auto'
        from new_rows as n
        inner join public.integration_provider_countries as pc on n.country_code = pc.country_code
        inner join public.integration_providers as p
            on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active;
        return null;
    end if;

    -- UPDATE: a row trigger that fires only when country_code changed (new may be null)
    update public.project_integrations as pi
    set is_enabled = false
    where pi.project_id = new.id
        and pi.enabled_by = 'auto'
        and pi.is_enabled
        and not exists (
            select
            from public.integration_provider_countries as pc
            inner join public.integration_providers as p on pc.provider_id = p.id
            where pc.provider_id = pi.provider_id
                and pc.country_code = new.country_code
                and p.auto_enable_for_country
                and p.is_active
        );

    -- only when a covered provider is missing or auto-disabled: an insert that changes
    -- nothing still costs its triggers (the common case: a move to an uncovered country)
    if exists (
        select
        from public.integration_provider_countries as pc
        inner join public.integration_providers as p
            on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active
        where pc.country_code = new.country_code
            and not exists (
                select
                from public.project_integrations as pi
                where pi.project_id = new.id and pi.provider_id = p.id
                    and (pi.is_enabled or pi.enabled_by = 'manual')
            )
    ) then
        insert into public.project_integrations as pi (project_id, provider_id, enabled_by)
        select new.id, p.id, 'auto'
        from public.integration_provider_countries as pc
        inner join public.integration_providers as p
            on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active
        where pc.country_code = new.country_code
        on conflict (project_id, provider_id) do update
        set is_enabled = true
        where pi.enabled_by = 'auto' and not pi.is_enabled;
    end if;

    return null;
end
$$;
