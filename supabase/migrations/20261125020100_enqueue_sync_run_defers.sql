-- private.enqueue_sync_run (same name and signature as 20261125011200) now also hands the
-- run to the job queue, in the caller's transaction. Work already waiting is not queued
-- twice: when a run with the same key (private.sync_run_key: integration, feature or
-- action, entity) is still waiting for a worker, its log id is returned and nothing new is
-- written. A run that already started does not count: a change after it started needs a
-- run of its own, which waits for the first (the key is also the job's lock).
-- private.insert_pending_sync_logs writes pending logs for enqueue_sync_run and, many at
-- once, for the schedule planner.

create function private.insert_pending_sync_logs(
    p_log_ids uuid[],
    p_project_integration_ids uuid[],
    p_feature_ids uuid[],
    p_trigger public.sync_trigger_type,
    p_actions text[],
    p_entity_types text[],
    p_entity_ids text[],
    p_params jsonb[],
    p_requested_by uuid
)
returns integer
language sql volatile
set search_path = ''
as $$
    with inserted as (
        insert into public.integration_sync_logs (
            id, project_id, project_integration_id, provider_id, feature_id, trigger_type,
            direction, status, action, entity_type, entity_id, details, requested_by
        )
        select
            r.log_id,
            pi.project_id,
            pi.id,
            pi.provider_id,
            f.id,
            p_trigger,
            -- an action no feature names (testConnection, company info) only reads
            coalesce(f.sync_direction, 'inbound'),
            'pending',
            r.action,
            r.entity_type,
            r.entity_id,
            pg_catalog.jsonb_build_object('params', coalesce(r.params, '{}')),
            p_requested_by
        from unnest(  -- the multi-array form is unqualified
            p_log_ids, p_project_integration_ids, p_feature_ids, p_actions, p_entity_types,
            p_entity_ids, p_params
        ) as r (log_id, project_integration_id, feature_id, action, entity_type, entity_id, params)
        inner join public.project_integrations as pi on r.project_integration_id = pi.id
        left join public.integration_features as f
            on r.feature_id = f.id and pi.provider_id = f.provider_id
        where r.feature_id is null or f.id is not null
        returning 1
    )

    select count(*)::integer from inserted
$$;

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
    v_key text := private.sync_run_key(p_project_integration_id, p_feature_id, p_action, p_entity_id);
    v_log_id uuid;
begin
    -- a waiting run with this key is handed back; if it starts between our attempt to
    -- queue and our look-up, the next attempt queues a new run (at most a few rounds)
    for v_round in 1..3 loop
        v_log_id := pg_catalog.gen_random_uuid();
        if private.defer_sync_jobs(array[v_log_id], array[v_key]) is not null then
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
        where j.queueing_lock = v_key and j.status = 'todo';
        if v_log_id is not null then
            return v_log_id;
        end if;
    end loop;
    raise exception using errcode = 'PB503', message = format(
        'could not queue sync run %s: its key stayed contended', v_key);
end
$$;

comment on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) is
'Creates a pending sync run (its integration_sync_logs row) and its job in the caller''s '
'transaction; returns the log id, or the id of the same run already waiting for a worker. '
'The only writer of pending sync logs besides the schedule planner (same helper).';

revoke all on function private.insert_pending_sync_logs(
    uuid[], uuid[], uuid[], public.sync_trigger_type, text[], text[], text[], jsonb[], uuid
) from public;
