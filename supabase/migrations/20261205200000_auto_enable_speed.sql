-- Auto-enable at the speed issue #22 asks (at most 2x a plain insert / country change):
-- the 'added' history of project integrations is written by one statement-level trigger
-- (a transition table, the actor looked up once) instead of a row trigger each;
-- reschedule_integrations() is PL/pgSQL so its plan is cached (a SQL function was planned
-- on every call, the country change's largest cost); 20_mark_manual runs only for the
-- authenticated role (a WHEN clause instead of a function call per row); a country change
-- skips the insert of integrations when every covered one is already there and on.

-- Who is changing the configuration, for the history: the signed-in person (with their
-- name), else the service role, else Plugboard itself. One call per history statement.
create function private.config_change_actor(out kind text, out id uuid, out name text)
returns record
language plpgsql stable security definer
set search_path = ''
as $$
begin
    id := private.caller_uid();
    if id is not null then
        kind := 'user';
        select coalesce(u.raw_user_meta_data ->> 'full_name', u.raw_user_meta_data ->> 'name', u.email)
        into name
        from auth.users as u where u.id = config_change_actor.id;
    elsif private.caller_is_service_role() then
        kind := 'service_role';
    else
        kind := 'system';
    end if;
end
$$;

revoke all on function private.config_change_actor() from public;

-- Appends one row to public.integration_config_history for the history triggers, the actor
-- by private.config_change_actor(). Skipped when the project is being deleted (its history
-- goes with it). Callers pass facts only, never a secret.
create or replace function private.record_config_change(
    p_project_id uuid,
    p_project_integration_id uuid,
    p_provider_id uuid,
    p_feature_id uuid,
    p_object text,
    p_action text,
    p_before jsonb,
    p_after jsonb
)
returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_actor record;
begin
    if not exists (select from public.projects as p where p.id = p_project_id) then
        return;
    end if;
    select a.kind, a.id, a.name into v_actor from private.config_change_actor() as a;
    insert into public.integration_config_history (
        project_id, project_integration_id, provider_id, feature_id, actor_kind, actor_id,
        actor_name, object, action, before, after
    ) values (
        p_project_id, p_project_integration_id, p_provider_id, p_feature_id,
        v_actor.kind, v_actor.id, v_actor.name, p_object, p_action, p_before, p_after
    );
end
$$;

revoke all on function private.record_config_change(uuid, uuid, uuid, uuid, text, text, jsonb, jsonb) from public;

-- History of integrations added: one 'added' row per new integration, as
-- private.tg_project_integrations__record_history records the other changes. Statement-level
-- (a transition table): a project created in a covered country, or a bulk import of them,
-- writes its history in one set-based insert with the actor looked up once.
create function private.tg_project_integrations__record_added()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    insert into public.integration_config_history (
        project_id, project_integration_id, provider_id, feature_id, actor_kind, actor_id,
        actor_name, object, action, before, after
    )
    select
        n.project_id, n.id, n.provider_id, null, a.kind, a.id, a.name, 'integration', 'added', null,
        pg_catalog.jsonb_build_object('status', n.status, 'is_enabled', n.is_enabled)
    from new_rows as n
    cross join private.config_change_actor() as a
    where exists (select from public.projects as p where p.id = n.project_id);
    return null;
end
$$;

revoke all on function private.tg_project_integrations__record_added() from public;

-- History of an integration row: removed (added: tg_project_integrations__record_added,
-- one statement for all new rows); a status change (connect, disconnect,
-- or status_changed for Error / Expired / Pending); switched on or off; settings changed
-- (the HMRC identifiers recorded as references, other keys as settings, each with only the
-- keys that changed). Timestamps, errors and account facts alone record nothing.
-- Security definer: it writes the history, which no API role may.
create or replace function private.tg_project_integrations__record_history()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_reference_keys constant text[] := array[
        'vrn', 'utr', 'employer_paye_reference', 'accounts_office_reference'
    ];
    v_changed text[];
    v_keys text[];
    v_object text;
begin
    if tg_op = 'DELETE' then
        perform private.record_config_change(
            old.project_id, old.id, old.provider_id, null, 'integration', 'removed',
            pg_catalog.jsonb_build_object('status', old.status, 'is_enabled', old.is_enabled), null
        );
        return null;
    end if;
    if new.status is distinct from old.status then
        perform private.record_config_change(
            new.project_id, new.id, new.provider_id, null, 'integration',
            case
                when new.status = 'Connected' then 'connect'
                when new.status = 'Disconnected' then 'disconnect'
                else 'status_changed'
            end,
            pg_catalog.jsonb_build_object('status', old.status),
            pg_catalog.jsonb_build_object('status', new.status)
        );
    end if;
    if new.is_enabled is distinct from old.is_enabled then
        perform private.record_config_change(
            new.project_id, new.id, new.provider_id, null, 'integration',
            case when new.is_enabled then 'enabled' else 'disabled' end,
            pg_catalog.jsonb_build_object('is_enabled', old.is_enabled),
            pg_catalog.jsonb_build_object('is_enabled', new.is_enabled)
        );
    end if;
    if new.settings is distinct from old.settings then
        select coalesce(pg_catalog.array_agg(k.key), '{}') into v_changed
        from (
            select o.key from pg_catalog.jsonb_object_keys(old.settings) as o (key)
            union
            select n.key from pg_catalog.jsonb_object_keys(new.settings) as n (key)
        ) as k
        where old.settings -> k.key is distinct from new.settings -> k.key;
        foreach v_object in array array['references', 'settings'] loop
            v_keys := array(
                select c.key from pg_catalog.unnest(v_changed) as c (key)
                where (c.key = any(v_reference_keys)) = (v_object = 'references')
                order by c.key
            );
            if pg_catalog.cardinality(v_keys) > 0 then
                perform private.record_config_change(
                    new.project_id, new.id, new.provider_id, null, v_object, v_object || '_changed',
                    (
                        select coalesce(pg_catalog.jsonb_object_agg(k.key, old.settings -> k.key), '{}')
                        from pg_catalog.unnest(v_keys) as k (key) where old.settings ? k.key
                    ),
                    (
                        select coalesce(pg_catalog.jsonb_object_agg(k.key, new.settings -> k.key), '{}')
                        from pg_catalog.unnest(v_keys) as k (key) where new.settings ? k.key
                    )
                );
            end if;
        end loop;
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integrations__record_history() from public;

-- Brings next_run_at of the given project integrations' features in line with what is
-- schedulable: creates missing rows, sets it where it is missing (or everywhere when
-- p_restart: the catalogue's schedule changed), clears it where nothing is scheduled.
-- Each next run is at least the provider's minimum schedule interval from now.
-- PL/pgSQL rather than SQL so that the statement's plan is cached for the session (the
-- country trigger calls it for every change, and planning it cost more than running it);
-- each id is looked up by its key in a subquery the planner cannot reorder: the cached
-- plan of "pi.id = any (...)", made while the table looked small, scanned every
-- integration of the provider instead (milliseconds per call at 10,000 projects).
create or replace function private.reschedule_integrations(p_integration_ids uuid[], p_restart boolean)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
    with features as (
        select
            (i.pi).id as project_integration_id,
            f.id as feature_id,
            pif.id as override_id,
            pif.next_run_at,
            p.min_schedule_interval,
            private.schedule_of(i.pi, f, pif.is_enabled, pif.trigger_type, pif.trigger_config)
                as schedule
        from pg_catalog.unnest(p_integration_ids) as ids (id)
        cross join lateral (
            -- offset 0 keeps this a lookup by key per id (see above)
            select pi from public.project_integrations as pi where pi.id = ids.id offset 0
        ) as i (pi)
        inner join public.integration_providers as p on (i.pi).provider_id = p.id
        inner join public.integration_features as f on (i.pi).provider_id = f.provider_id
        left join public.project_integration_features as pif
            on (i.pi).id = pif.project_integration_id and f.id = pif.feature_id
    ),

    next_runs as (
        select s.schedule, s.min_schedule_interval, private.schedule_next(s.schedule, now(), s.min_schedule_interval) as next_run_at
        from (
            select distinct f.schedule, f.min_schedule_interval from features as f where f.schedule is not null
        ) as s
    ),

    wanted as (
        select
            f.project_integration_id,
            f.feature_id,
            f.override_id,
            f.next_run_at as current_next_run_at,
            case
                when f.schedule is null then null
                when p_restart or f.next_run_at is null then n.next_run_at
                else f.next_run_at
            end as next_run_at
        from features as f
        left join next_runs as n
            on f.schedule = n.schedule
            and f.min_schedule_interval is not distinct from n.min_schedule_interval
    ),

    created as (
        insert into public.project_integration_features (
            project_integration_id, feature_id, next_run_at
        )
        select w.project_integration_id, w.feature_id, w.next_run_at
        from wanted as w
        where w.override_id is null and w.next_run_at is not null
        on conflict (project_integration_id, feature_id) do nothing
    )

    update public.project_integration_features as pif
    set next_run_at = w.next_run_at
    from wanted as w
    where pif.id = w.override_id and w.next_run_at is distinct from w.current_next_run_at;
end
$$;

revoke all on function private.reschedule_integrations(uuid[], boolean) from public;

-- auto_enable_integrations(): projects switch integrations on and off by country.
-- INSERT: providers with auto_enable_for_country covering the project's country get a
-- project integration (Pending until connected) whose features are all enabled on their
-- default triggers. UPDATE of country_code: auto-enabled integrations the new country is
-- not covered by are disabled; those it is covered by are (re-)enabled.
-- Integrations a person enabled or disabled (enabled_by = 'manual') are never touched.
--
-- Features are enabled by default: a project_integration_features row exists only where a
-- project overrides a feature (enabled flag, trigger, config) or the engine keeps its
-- state (schedule times). v_project_integration_features gives the effective state of
-- every feature (override, else the catalogue's default). So creating a project costs
-- one row per covered provider, not one per feature, and overrides survive GB -> US -> GB
-- untouched. INSERT is statement-level with a transition table (a bulk insert is one
-- set-based insert); UPDATE is a row trigger whose WHEN clause skips every update that
-- leaves the country alone, so other edits of a project cost nothing here.
create or replace function private.auto_enable_integrations()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' then
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

comment on function private.auto_enable_integrations() is
'Trigger on projects: switches country-covered integrations on and off (original design).';

revoke all on function private.auto_enable_integrations() from public;

drop trigger "20_mark_manual" on public.project_integrations;

-- the WHEN clause spares the function call for every row Plugboard itself writes
create trigger "20_mark_manual"
before insert or update of is_enabled on public.project_integrations
for each row when (current_user = 'authenticated') execute function private.tg_project_integrations__mark_manual();

drop trigger "90_record_history" on public.project_integrations;

-- 'added' history before 30_reschedule_insert runs (as when a row trigger wrote it)
create trigger "25_record_history_added"
after insert on public.project_integrations
referencing new table as new_rows
for each statement execute function private.tg_project_integrations__record_added();

create trigger "90_record_history"
after update or delete on public.project_integrations
for each row execute function private.tg_project_integrations__record_history();
