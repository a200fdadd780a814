-- Each schedule moves on at least the provider's minimum schedule interval.
create or replace function private.plan_schedule_batch(p_ids uuid[], p_now timestamptz)
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
            p.min_schedule_interval,
            private.schedule_of(pi, f, pif.is_enabled, pif.trigger_type, pif.trigger_config)
                as schedule
        from public.project_integration_features as pif
        inner join public.project_integrations as pi on pif.project_integration_id = pi.id
        inner join public.integration_features as f on pif.feature_id = f.id
        inner join public.integration_providers as p on f.provider_id = p.id
        where pif.id = any(p_ids) and pif.next_run_at <= p_now
        for update of pif skip locked
    ),

    -- materialized: inlined, it sat on the inner side of a nested loop and computed each
    -- schedule's next run once per due feature instead of once
    next_runs as materialized (
        select
            s.schedule,
            s.min_schedule_interval,
            private.schedule_next(s.schedule, p_now, s.min_schedule_interval) as next_run_at
        from (
            select distinct d.schedule, d.min_schedule_interval from due as d where d.schedule is not null
        ) as s
    ),

    advanced as (
        update public.project_integration_features as pif
        set next_run_at = n.next_run_at
        from due as d
        left join next_runs as n
            on d.schedule = n.schedule
            and d.min_schedule_interval is not distinct from n.min_schedule_interval
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

comment on function private.plan_schedule_batch(uuid[], timestamptz) is
'Plans the given on_schedule features that are still due at p_now: moves each schedule '
'on and queues its run; returns how many runs it queued. Safe to run twice.';

revoke all on function private.plan_schedule_batch(uuid[], timestamptz) from public;
