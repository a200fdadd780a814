-- private.enqueue_sync_run: THE one way a sync run is created. It writes the pending sync
-- log (the contract every caller relies on: RPCs, triggers, schedules, webhooks) and
-- returns its id. The sync engine hands the same run to the job queue here, in the same
-- transaction, so a rolled-back caller enqueues nothing. Keep the name and signature stable.
--   p_feature_id   null for an action no feature names (e.g. testConnection)
--   p_params       the action's input; kept in details.params (never a secret)
--   p_requested_by the person who asked (null for triggers and schedules)

create function private.enqueue_sync_run(
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
    v_log_id uuid;
begin
    insert into public.integration_sync_logs (
        project_id, project_integration_id, provider_id, feature_id, trigger_type, direction,
        status, action, entity_type, entity_id, details, requested_by
    )
    select
        pi.project_id,
        pi.id,
        pi.provider_id,
        f.id,
        p_trigger,
        -- an action no feature names (testConnection, company info) only reads
        coalesce(f.sync_direction, 'inbound'),
        'pending',
        p_action,
        p_entity_type,
        p_entity_id,
        pg_catalog.jsonb_build_object('params', coalesce(p_params, '{}')),
        p_requested_by
    from public.project_integrations as pi
    left join public.integration_features as f on f.id = p_feature_id and f.provider_id = pi.provider_id
    where pi.id = p_project_integration_id and (p_feature_id is null or f.id is not null)
    returning id into v_log_id;
    if v_log_id is null then
        raise exception using errcode = 'PB404', message = format(
            'no project integration %s (or feature %s is not one of its provider''s)',
            p_project_integration_id, p_feature_id);
    end if;
    return v_log_id;
end
$$;

comment on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) is
'Creates a pending sync run (its integration_sync_logs row) and hands it to the job queue; '
'returns the log id. The only writer of pending sync logs.';

revoke all on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) from public;
grant execute on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) to service_role;
