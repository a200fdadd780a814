-- Two corrections to the queue's SQL door (20261125020000), found by the pgTAP suite:
-- 1. A run already waiting is handed back only to a caller of the same trigger type. The
--    queueing lock is now the run key plus the trigger (private.sync_run_queueing_lock);
--    the lock stays the run key. So a person's "Send To" or "Sync now" gets a run (and a
--    log naming them) even while an automatic run of the same work waits, and the two
--    still never overlap; a second status change, a second click or a second planning
--    tick still finds the waiting run of its own kind.
-- 2. private.defer_sync_jobs pins search_path to '' like every function here and names
--    procrastinate's objects with their schema; it switches search_path to the queue's
--    schema for its own duration only (set_config local inside a function with a SET
--    clause is undone at its exit), because procrastinate's functions and triggers name
--    their tables without a schema and resolve them through the caller's search_path.

create function private.sync_run_queueing_lock(p_lock text, p_trigger public.sync_trigger_type)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select p_lock || '#' || p_trigger::text
$$;

drop function private.defer_sync_jobs(uuid[], text[]);

-- Defers one job per (log id, lock), all or none; null when one of them already has a
-- waiting job of the same trigger (the queueing lock's unique_violation is caught in a
-- sub-block, so the caller's transaction carries on and finds that run instead).
create function private.defer_sync_jobs(
    p_log_ids uuid[], p_locks text[], p_trigger public.sync_trigger_type
)
returns bigint[]
language plpgsql
set search_path = ''
as $$
declare
    v_constraint text;
begin
    perform pg_catalog.set_config('search_path', 'procrastinate, pg_temp', true);
    begin
        return procrastinate.procrastinate_defer_jobs_v1(array(
            select row(
                'sync', 'plugboard.sync_run', 0, k.lock, private.sync_run_queueing_lock(k.lock, p_trigger),
                pg_catalog.jsonb_build_object('log_id', k.log_id), null
            )::procrastinate.procrastinate_job_to_defer_v1
            from unnest(p_log_ids, p_locks) as k (log_id, lock)
        ));
    exception
        when unique_violation then
            get stacked diagnostics v_constraint = constraint_name;
            if v_constraint is distinct from 'procrastinate_jobs_queueing_lock_idx_v1' then
                raise;
            end if;
            return null;
    end;
end
$$;

comment on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) is
'Defers plugboard.sync_run jobs (one per log id and lock) in the caller''s transaction; '
'null when one already has a waiting job of the same trigger. The only caller of '
'procrastinate_defer_jobs_v1.';

create or replace function private.enqueue_sync_run(
    p_project_integration_id uuid,
    p_feature_id uuid,
    p_trigger public.sync_trigger_type,
    p_action text,
    p_entity_type text,
    p_entity_id text,
    p_params jsonb,
    p_requested_by uuid
)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
    v_lock text := private.sync_run_key(p_project_integration_id, p_feature_id, p_action, p_entity_id);
    v_log_id uuid;
begin
    -- a waiting run with this key is handed back; if it starts between our attempt to
    -- queue and our look-up, the next attempt queues a new run (at most a few rounds)
    for v_round in 1..3 loop
        v_log_id := pg_catalog.gen_random_uuid();
        if private.defer_sync_jobs(array[v_log_id], array[v_lock], p_trigger) is not null then
            if private.insert_pending_sync_logs(
                array[v_log_id], array[p_project_integration_id], array[p_feature_id], p_trigger,
                array[p_action], array[p_entity_type], array[p_entity_id], array[p_params],
                p_requested_by
            ) = 0 then
                raise exception using errcode = 'PB404', message = format(
                    'no project integration %s (or feature %s is not one of its provider''s)',
                    p_project_integration_id, p_feature_id);
            end if;
            return v_log_id;
        end if;
        select (j.args ->> 'log_id')::uuid into v_log_id
        from procrastinate.procrastinate_jobs as j
        where j.queueing_lock = private.sync_run_queueing_lock(v_lock, p_trigger) and j.status = 'todo';
        if v_log_id is not null then
            return v_log_id;
        end if;
    end loop;
    raise exception using errcode = 'PB503', message = format(
        'could not queue sync run %s: its key stayed contended', v_lock);
end
$$;

create or replace function private.plan_schedules(p_now timestamptz default now())
returns integer
language plpgsql
set search_path = ''
as $$
declare
    v_log_ids uuid [];
    v_integration_ids uuid [];
    v_feature_ids uuid [];
    v_actions text [];
    v_entity_types text [];
    v_params jsonb [];
    v_keys text [];
begin
    with due as (
        select
            pif.id,
            pif.project_integration_id,
            pif.feature_id,
            f.key as feature_key,
            f.server_action,
            f.entity_type,
            private.schedule_of(pi, f, pif.is_enabled, pif.trigger_type, pif.trigger_config)
                as schedule
        from public.project_integration_features as pif
        inner join public.project_integrations as pi on pif.project_integration_id = pi.id
        inner join public.integration_features as f on pif.feature_id = f.id
        where pif.next_run_at <= p_now
        for update of pif skip locked
    ),

    next_runs as (
        select s.schedule, private.cron_next(s.schedule, p_now) as next_run_at
        from (select distinct d.schedule from due as d where d.schedule is not null) as s
    ),

    advanced as (
        update public.project_integration_features as pif
        set next_run_at = n.next_run_at
        from due as d
        left join next_runs as n on d.schedule = n.schedule
        where pif.id = d.id
    ),

    runs as (
        select
            d.*,
            private.sync_run_key(d.project_integration_id, d.feature_id, d.server_action, null)
                as key
        from due as d
        where d.schedule is not null and d.server_action is not null
    )

    select
        pg_catalog.array_agg(pg_catalog.gen_random_uuid()),
        pg_catalog.array_agg(r.project_integration_id),
        pg_catalog.array_agg(r.feature_id),
        pg_catalog.array_agg(r.server_action),
        pg_catalog.array_agg(r.entity_type),
        pg_catalog.array_agg(pg_catalog.jsonb_build_object('feature', r.feature_key)),
        pg_catalog.array_agg(r.key)
    into v_log_ids, v_integration_ids, v_feature_ids, v_actions, v_entity_types, v_params, v_keys
    from runs as r
    where not exists (
        select
        from procrastinate.procrastinate_jobs as j
        where j.queueing_lock = private.sync_run_queueing_lock(r.key, 'on_schedule')
            and j.status = 'todo'
    );

    if v_log_ids is null then
        return 0;
    end if;
    if private.defer_sync_jobs(v_log_ids, v_keys, 'on_schedule') is null then
        -- one of these runs was queued meanwhile (a person asked for it): one by one, each
        -- finding its waiting run
        perform private.enqueue_sync_run(r.integration_id, r.feature_id, 'on_schedule', r.action, r.entity_type, null, r.params, null)
        from unnest(v_integration_ids, v_feature_ids, v_actions, v_entity_types, v_params)
            as r (integration_id, feature_id, action, entity_type, params);
    else
        perform private.insert_pending_sync_logs(
            v_log_ids, v_integration_ids, v_feature_ids, 'on_schedule', v_actions, v_entity_types,
            pg_catalog.array_fill(null::text, array[pg_catalog.cardinality(v_log_ids)]), v_params, null
        );
    end if;
    return pg_catalog.cardinality(v_log_ids);
end
$$;

revoke all on function private.sync_run_queueing_lock(text, public.sync_trigger_type) from public;
revoke all on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) from public;
