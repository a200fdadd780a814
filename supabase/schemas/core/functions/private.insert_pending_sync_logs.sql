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

revoke all on function private.insert_pending_sync_logs(
    uuid[], uuid[], uuid[], public.sync_trigger_type, text[], text[], text[], jsonb[], uuid
) from public;
