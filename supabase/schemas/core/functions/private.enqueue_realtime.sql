-- realtime: a provider event — a webhook arriving through functions/, or a CDC poll —
-- says which of its entities changed; every realtime feature of the integration for that
-- entity type gets a run per entity (null entity ids: one run of the whole feature).
-- Runs already waiting for the same entity are not queued again. Returns the log ids.
-- Callers: service_role (functions/) and the workers; the provider issues decide what
-- an event's entity ids and entity type are.
create function private.enqueue_realtime(
    p_project_integration_id uuid, p_entity_type text, p_entity_ids text[], p_event jsonb
)
returns uuid[]
language sql volatile security definer
set search_path = ''
as $$
    select coalesce(pg_catalog.array_agg(private.enqueue_sync_run(
        f.project_integration_id, f.feature_id, 'realtime', f.server_action, f.entity_type, e.id,
        pg_catalog.jsonb_build_object(
            'feature', f.feature_key, 'entity_id', e.id, 'event', coalesce(p_event, '{}')
        ),
        null
    ) order by f.feature_key, e.ordinality), '{}')
    from private.features_triggered_by('realtime', null, array[p_project_integration_id]) as f
    cross join pg_catalog.unnest(coalesce(p_entity_ids, array[null]::text [])) with ordinality
        as e (id, ordinality)
    where f.entity_type = p_entity_type
$$;

comment on function private.enqueue_realtime(uuid, text, text[], jsonb) is
'Queues the realtime features'' runs for changed provider entities (webhooks, CDC polling); '
'returns the log ids.';

revoke all on function private.enqueue_realtime(uuid, text, text[], jsonb) from public;

grant execute on function private.enqueue_realtime(uuid, text, text[], jsonb) to service_role;
