create function private.tg_integration_entity_mappings__enqueue_link()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.enqueue_sync_run(
        f.project_integration_id, f.feature_id, 'on_link', f.server_action, f.entity_type,
        n.internal_id,
        pg_catalog.jsonb_build_object(
            'feature', f.feature_key, 'entity_id', n.internal_id,
            'external_id', n.external_id, 'mapping_id', n.id
        ),
        n.created_by
    )
    from new_rows as n
    inner join private.features_triggered_by(
        'on_link', null, array(select distinct l.project_integration_id from new_rows as l)
    ) as f on n.project_integration_id = f.project_integration_id and n.entity_type = f.entity_type
    where n.created_via = 'link'
        and private.host_record_matches(
            f.trigger_config ->> 'entity', n.internal_id, f.trigger_config -> 'filter'
        );
    return null;
end
$$;

revoke all on function private.tg_integration_entity_mappings__enqueue_link() from public;
