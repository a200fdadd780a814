-- Planning ticks hand large sets of due features to workers in batches.
--
-- A tick used to write every due feature's run itself (move its schedule on, one pending
-- log, one job) in one transaction: 100,000 due features took the tick 28 s, holding the
-- row locks of all of them and pg_cron's connection, and the first run could start only
-- when the last was written. Now:
-- - private.plan_schedule_batch(ids, now) plans given features: the old tick's work,
--   limited to those ids and re-checking that each is still due (so running it twice, or
--   beside another tick, plans a feature once), with each schedule's next run computed
--   once per batch (the old tick computed it once per due feature, see below);
-- - private.plan_schedules(now), the tick, finds the due features through the index; up
--   to one batch (1,000) it plans them itself, as before; beyond that it queues one
--   plugboard.plan_schedule_batch job per 1,000 (queue `plugboard`), which workers run
--   in parallel, each batch in its own transaction. While such batches of an earlier tick
--   still wait or run, a tick plans nothing (they are planning the same features); what
--   became due meanwhile is planned by the next tick.
-- - private.defer_queue_jobs is now the one door to procrastinate_defer_jobs_v1;
--   private.defer_sync_jobs builds sync jobs and goes through it.

create function private.defer_queue_jobs(
    p_queue text, p_task text, p_locks text[], p_queueing_locks text[], p_args jsonb[]
)
returns bigint[]
language plpgsql
set search_path = ''
as $$
declare
    v_constraint text;
begin
    -- procrastinate's functions and triggers name their tables without a schema; this
    -- local setting is undone at this function's exit (it has a SET clause)
    perform pg_catalog.set_config('search_path', 'procrastinate, pg_temp', true);
    begin
        return procrastinate.procrastinate_defer_jobs_v1(array(
            select row(
                p_queue, p_task, 0, j.lock, j.queueing_lock, j.args, null
            )::procrastinate.procrastinate_job_to_defer_v1
            from unnest(p_locks, p_queueing_locks, p_args) as j (lock, queueing_lock, args)
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

comment on function private.defer_queue_jobs(text, text, text[], text[], jsonb[]) is
'Defers jobs of one task (one per lock, queueing lock and args) in the caller''s '
'transaction, all or none; null when a queueing lock already has a waiting job. The only '
'caller of procrastinate_defer_jobs_v1.';

create or replace function private.defer_sync_jobs(
    p_log_ids uuid[], p_locks text[], p_trigger public.sync_trigger_type
)
returns bigint[]
language sql
set search_path = ''
as $$
    select private.defer_queue_jobs(
        'sync',
        'plugboard.sync_run',
        p_locks,
        array(select private.sync_run_queueing_lock(l.lock, p_trigger) from unnest(p_locks) as l (lock)),
        array(select pg_catalog.jsonb_build_object('log_id', l.id) from unnest(p_log_ids) as l (id))
    )
$$;

comment on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) is
'Defers plugboard.sync_run jobs (one per log id and lock) in the caller''s transaction; '
'null when one already has a waiting job of the same trigger.';

create function private.plan_schedule_batch(p_ids uuid[], p_now timestamptz)
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
        where pif.id = any(p_ids) and pif.next_run_at <= p_now
        for update of pif skip locked
    ),

    -- materialized: inlined, it sat on the inner side of a nested loop and computed each
    -- schedule's next run once per due feature instead of once
    next_runs as materialized (
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

comment on function private.plan_schedule_batch(uuid[], timestamptz) is
'Plans the given on_schedule features that are still due at p_now: moves each schedule '
'on and queues its run; returns how many runs it queued. Safe to run twice.';

create or replace function private.plan_schedules(p_now timestamptz default now())
returns integer
language plpgsql
set search_path = ''
as $$
declare
    c_batch constant integer := 1000;
    v_ids uuid [];
    v_due integer;
begin
    if exists (
        select
        from procrastinate.procrastinate_jobs as j
        where j.task_name = 'plugboard.plan_schedule_batch' and j.status in ('todo', 'doing')
    ) then
        return 0;
    end if;
    v_ids := array(
        select pif.id
        from public.project_integration_features as pif
        where pif.next_run_at <= p_now
    );
    v_due := pg_catalog.cardinality(v_ids);
    if v_due <= c_batch then
        return private.plan_schedule_batch(v_ids, p_now);
    end if;
    perform private.defer_queue_jobs(
        'plugboard',
        'plugboard.plan_schedule_batch',
        pg_catalog.array_fill(null::text, array[b.batches]),
        pg_catalog.array_fill(null::text, array[b.batches]),
        array(
            select pg_catalog.jsonb_build_object(
                'ids', pg_catalog.to_jsonb(v_ids[i * c_batch + 1:(i + 1) * c_batch]),
                'now', p_now
            )
            from generate_series(0, b.batches - 1) as i
        )
    )
    from (select (v_due + c_batch - 1) / c_batch as batches) as b;
    return v_due;
end
$$;

comment on function private.plan_schedules(timestamptz) is
'One planning tick: plans every due on_schedule feature once (up to 1,000 itself, more '
'in plugboard.plan_schedule_batch jobs of 1,000 that workers run) and returns how many '
'were due; plans nothing while batches of an earlier tick are still queued. pg_cron runs '
'it every minute.';

revoke all on function private.defer_queue_jobs(text, text, text[], text[], jsonb[]) from public;
revoke all on function private.plan_schedule_batch(uuid[], timestamptz) from public;
