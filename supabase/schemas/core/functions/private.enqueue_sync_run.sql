-- private.enqueue_sync_run: THE one way a sync run is created. It writes the pending sync
-- log (the contract every caller relies on: RPCs, triggers, schedules, webhooks) and
-- returns its id. The sync engine hands the same run to the job queue here, in the same
-- transaction, so a rolled-back caller enqueues nothing. Keep the name and signature stable.
--   p_feature_id   null for an action no feature names (e.g. testConnection)
--   p_params       the action's input; kept in details.params (never a secret)
--   p_requested_by the person who asked (null for triggers and schedules)
-- It hands the run to the job queue, in the caller's transaction. Work already waiting
-- is not queued twice: when a run with the same key (private.sync_run_key: integration,
-- feature or action, entity) is still waiting for a worker, its log id is returned and
-- nothing new is written. A run that already started does not count: a change after it
-- started needs a run of its own, which waits for the first (the key is also the job's lock).
-- Without the job queue (its migrations not applied) the run is still written, failed
-- with error code queue_unavailable saying so: a host write that triggers a run never
-- fails because the queue is missing.
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
    v_queue_installed boolean := private.job_queue_installed();
    v_queued boolean := false;
begin
    -- a waiting run with this key is handed back; if it starts between our attempt to
    -- queue and our look-up, the next attempt queues a new run (at most a few rounds)
    for v_round in 1..3 loop
        v_log_id := pg_catalog.gen_random_uuid();
        if v_queue_installed then
            v_queued := private.defer_sync_jobs(array[v_log_id], array[v_lock], p_trigger) is not null;
        end if;
        if v_queued or not v_queue_installed then
            if private.insert_pending_sync_logs(
                array[v_log_id], array[p_project_integration_id], array[p_feature_id], p_trigger,
                array[p_action], array[p_entity_type], array[p_entity_id], array[p_params],
                p_requested_by
            ) = 0 then
                raise exception using errcode = 'PB404', message = format(
                    'no project integration %s (or feature %s is not one of its provider''s)',
                    p_project_integration_id, p_feature_id);
            end if;
            if not v_queue_installed then
                update public.integration_sync_logs
                set status = 'failed', error_code = 'queue_unavailable', finished_at = pg_catalog.now(),
                    error_message = 'this run was not queued: the job queue (schema procrastinate) is '
                    || 'not installed in this database. Apply the migrations (supabase db push, '
                    || 'or plugboard db migrate), then ask for the run again.'
                where id = v_log_id;
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

revoke all on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) from public;

grant execute on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) to service_role;

comment on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) is
'Creates a pending sync run (its integration_sync_logs row) and its job in the caller''s '
'transaction; returns the log id, or the id of the same run already waiting for a worker. '
'The only writer of pending sync logs besides the schedule planner (same helper).';
