-- private.plan_schedules(now): one planning tick for every project's on_schedule features.
-- Due runs are found through the partial index on next_run_at and claimed with
-- FOR UPDATE SKIP LOCKED (overlapping ticks never take the same row); each due feature's
-- next_run_at moves to the first minute after `now` its schedule names (computed once per
-- distinct schedule), so a second tick within the minute finds nothing and a tick after
-- an outage runs a feature once, not once per missed minute. A run is queued unless the
-- same run is still waiting for a worker (then it is the run); the job's lock keeps two
-- runs of one feature from overlapping. pg_cron calls it every minute
-- (20261125020500); without pg_cron, `plugboard worker --plan-schedules` does. Returns
-- how many runs it queued.

create function private.plan_schedules(p_now timestamptz default now())
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
        where j.queueing_lock = r.key and j.status = 'todo'
    );

    if v_log_ids is null then
        return 0;
    end if;
    if private.defer_sync_jobs(v_log_ids, v_keys) is null then
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

comment on function private.plan_schedules(timestamptz) is
'One planning tick: queues every due on_schedule feature once and moves its next_run_at '
'on; returns how many runs it queued. pg_cron runs it every minute.';

revoke all on function private.plan_schedules(timestamptz) from public;
