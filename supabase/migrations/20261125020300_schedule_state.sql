-- Schedule state: project_integration_features.next_run_at is set exactly while a feature
-- is schedulable — the integration enabled and Connected, the feature active and enabled,
-- its effective trigger on_schedule — to the next minute its effective cron schedule
-- names (the project's override, else the catalogue's default). The planner
-- (private.plan_schedules) finds due runs through the partial index on next_run_at.
-- Features are enabled by default, so the engine creates the row of a schedulable feature
-- that has none (engine state, not an override: trigger_type and trigger_config stay null).
-- Kept up to date by three triggers: a project's override changing (before the row is
-- written), a project integration switching on/off or changing connection status, and a
-- catalogue feature's default trigger changing.

create index project_integration_features_next_run_at_idx
on public.project_integration_features (next_run_at)
where next_run_at is not null;

-- The cron schedule a feature runs on for a project, or null when it is not schedulable.
create function private.schedule_of(
    p_integration public.project_integrations,
    p_feature public.integration_features,
    p_is_enabled boolean,
    p_trigger_type public.sync_trigger_type,
    p_trigger_config jsonb
)
returns text
language sql immutable
set search_path = ''
as $$
    -- one expression, no FROM: the planner inlines it into set-based queries
    select case
        when p_integration.is_enabled
            and p_integration.status = 'Connected'
            and p_feature.is_active
            and coalesce(p_is_enabled, true)
            and coalesce(p_trigger_type, p_feature.default_trigger) = 'on_schedule'
            then coalesce(p_trigger_config, p_feature.default_trigger_config) ->> 'schedule'
    end
$$;

-- Brings next_run_at of the given project integrations' features in line with what is
-- schedulable: creates missing rows, sets it where it is missing (or everywhere when
-- p_restart: the catalogue's schedule changed), clears it where nothing is scheduled.
create function private.reschedule_integrations(p_integration_ids uuid[], p_restart boolean)
returns void
language sql volatile
set search_path = ''
as $$
    with features as (
        select
            pi.id as project_integration_id,
            f.id as feature_id,
            pif.id as override_id,
            pif.next_run_at,
            private.schedule_of(pi, f, pif.is_enabled, pif.trigger_type, pif.trigger_config)
                as schedule
        from public.project_integrations as pi
        inner join public.integration_features as f on pi.provider_id = f.provider_id
        left join public.project_integration_features as pif
            on pi.id = pif.project_integration_id and f.id = pif.feature_id
        where pi.id = any (p_integration_ids)
    ),

    wanted as (
        select
            s.project_integration_id,
            s.feature_id,
            s.override_id,
            s.next_run_at as current_next_run_at,
            case
                when s.schedule is null then null
                when p_restart or s.next_run_at is null then private.cron_next(s.schedule, now())
                else s.next_run_at
            end as next_run_at
        from features as s
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
    where pif.id = w.override_id and w.next_run_at is distinct from w.current_next_run_at
$$;

-- A project's override changing: its schedule restarts from now when what is scheduled
-- changed, else next_run_at stays.
create function private.tg_project_integration_features__schedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_feature public.integration_features;
    v_schedule text;
begin
    select * into v_integration from public.project_integrations as pi where pi.id = new.project_integration_id;
    select * into v_feature from public.integration_features as f where f.id = new.feature_id;
    v_schedule := private.schedule_of(v_integration, v_feature, new.is_enabled, new.trigger_type, new.trigger_config);
    if v_schedule is null then
        new.next_run_at := null;
    elsif tg_op = 'INSERT' or new.next_run_at is null
        or v_schedule is distinct from private.schedule_of(
            v_integration, v_feature, old.is_enabled, old.trigger_type, old.trigger_config) then
        new.next_run_at := private.cron_next(v_schedule, now());
    end if;
    return new;
end
$$;

create function private.tg_project_integrations__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.reschedule_integrations(array[new.id], false);
    return null;
end
$$;

create function private.tg_integration_features__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.reschedule_integrations(
        array(select pi.id from public.project_integrations as pi where pi.provider_id = new.provider_id),
        true
    );
    return null;
end
$$;

create trigger "30_schedule"
before insert or update of is_enabled, trigger_type, trigger_config
on public.project_integration_features
for each row execute function private.tg_project_integration_features__schedule();

create trigger "30_reschedule_insert"
after insert on public.project_integrations
for each row
when (new.status = 'Connected' and new.is_enabled)
execute function private.tg_project_integrations__reschedule();

create trigger "30_reschedule_update"
after update of status, is_enabled on public.project_integrations
for each row
when (old.status is distinct from new.status or old.is_enabled is distinct from new.is_enabled)
execute function private.tg_project_integrations__reschedule();

create trigger "30_reschedule_insert"
after insert on public.integration_features
for each row execute function private.tg_integration_features__reschedule();

create trigger "30_reschedule_update"
after update of default_trigger, default_trigger_config, is_active on public.integration_features
for each row
when (
    old.default_trigger is distinct from new.default_trigger
    or old.default_trigger_config is distinct from new.default_trigger_config
    or old.is_active is distinct from new.is_active
)
execute function private.tg_integration_features__reschedule();

revoke all on function private.schedule_of(
    public.project_integrations, public.integration_features, boolean,
    public.sync_trigger_type, jsonb
) from public;
revoke all on function private.reschedule_integrations(uuid[], boolean) from public;
revoke all on function private.tg_project_integration_features__schedule() from public;
revoke all on function private.tg_project_integrations__reschedule() from public;
revoke all on function private.tg_integration_features__reschedule() from public;
