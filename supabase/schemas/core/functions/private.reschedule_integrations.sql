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
