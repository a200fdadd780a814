-- Schedule state, set-based (20261125020300 did it row by row; connecting 100,000
-- integrations in one statement took minutes). The same rules, now:
-- - project_integrations: statement-level triggers with transition tables; one
--   reschedule_integrations call per statement for the integrations whose status or
--   enabled flag changed (nothing else costs more than a join of the transition tables);
-- - reschedule_integrations computes each distinct schedule's next run once;
-- - the project_integration_features BEFORE INSERT trigger only fires for rows arriving
--   without next_run_at (a client's override: clients cannot write next_run_at), not for
--   the rows the engine creates with it already computed.

create or replace function private.reschedule_integrations(p_integration_ids uuid[], p_restart boolean)
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

    next_runs as (
        select s.schedule, private.cron_next(s.schedule, now()) as next_run_at
        from (select distinct f.schedule from features as f where f.schedule is not null) as s
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
        left join next_runs as n on f.schedule = n.schedule
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

create or replace function private.tg_project_integrations__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_ids uuid [];
begin
    if tg_op = 'INSERT' then
        v_ids := array(select n.id from new_rows as n where n.status = 'Connected' and n.is_enabled);
    else
        v_ids := array(
            select n.id
            from new_rows as n
            inner join old_rows as o on n.id = o.id
            where n.status is distinct from o.status or n.is_enabled is distinct from o.is_enabled
        );
    end if;
    if pg_catalog.cardinality(v_ids) > 0 then
        perform private.reschedule_integrations(v_ids, false);
    end if;
    return null;
end
$$;

drop trigger "30_reschedule_insert" on public.project_integrations;
drop trigger "30_reschedule_update" on public.project_integrations;

create trigger "30_reschedule_insert"
after insert on public.project_integrations
referencing new table as new_rows
for each statement execute function private.tg_project_integrations__reschedule();

create trigger "30_reschedule_update"
after update on public.project_integrations
referencing old table as old_rows new table as new_rows
for each statement execute function private.tg_project_integrations__reschedule();

drop trigger "30_schedule" on public.project_integration_features;

create trigger "30_schedule_insert"
before insert on public.project_integration_features
for each row
when (new.next_run_at is null)
execute function private.tg_project_integration_features__schedule();

create trigger "30_schedule_update"
before update of is_enabled, trigger_type, trigger_config on public.project_integration_features
for each row execute function private.tg_project_integration_features__schedule();
