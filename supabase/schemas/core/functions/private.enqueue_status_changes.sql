-- on_status_change: a host record entering the status a feature watches queues the
-- feature's run for that record, in the same transaction (a rolled-back change queues
-- nothing). "Entering": the record (inserted, or updated with its status changed) matches
-- the feature's whole filter and did not match its status filter before. Statement-level
-- triggers with transition tables: one pass per statement, nothing at all unless a status
-- changed and the records' projects have such a feature. A run already waiting for the
-- same record is not queued again (private.enqueue_sync_run).
-- p_changes: one {"new": record, "old": record or null} per record whose status changed.
create function private.enqueue_status_changes(p_entity text, p_changes jsonb[])
returns integer
language sql volatile
set search_path = ''
as $$
    with changes as (
        select c.change -> 'new' as new_record, c.change -> 'old' as old_record
        from pg_catalog.unnest(p_changes) as c (change)
    ),

    features as (
        select f.*
        from private.features_triggered_by(
            'on_status_change',
            array(select distinct (c.new_record ->> 'project_id')::uuid from changes as c),
            null
        ) as f
        where f.trigger_config ->> 'entity' = p_entity
    )

    select count(private.enqueue_sync_run(
        f.project_integration_id, f.feature_id, 'on_status_change', f.server_action,
        f.entity_type, c.new_record ->> 'id',
        pg_catalog.jsonb_build_object('feature', f.feature_key, 'entity_id', c.new_record ->> 'id'),
        null
    ))::integer
    from changes as c
    inner join features as f on (c.new_record ->> 'project_id')::uuid = f.project_id
    where private.record_matches_filter(c.new_record, f.trigger_config -> 'filter')
        and (
            c.old_record is null
            or not private.record_matches_filter(
                c.old_record,
                pg_catalog.jsonb_build_object('status', f.trigger_config -> 'filter' -> 'status')
            )
        )
$$;

revoke all on function private.enqueue_status_changes(text, jsonb[]) from public;
