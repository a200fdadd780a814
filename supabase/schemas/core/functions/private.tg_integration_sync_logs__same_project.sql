-- A sync log is a run's order: the worker reads its provider, feature, entity and params
-- (the queued job carries only the log id, see private.defer_sync_jobs). The database now
-- checks each log names only its integration's project, provider and feature, and only records of
-- the integration's project (issue #18), so no queued run can name another project's
-- records whoever wrote it. Likewise a feature override names a feature of its
-- integration's provider.
-- The entity ids checked: entity_id (a batch's 'batch:<first id>' too) and params
-- entity_id / entity_ids when the log's entity type names a host table
-- (private.mapping_entity_types), except for realtime runs, whose entity ids are the
-- provider's own; params relationship_id, transaction_id and mapping_id always.
create function private.tg_integration_sync_logs__same_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_params jsonb := coalesce(new.details -> 'params', '{}');
    v_table text := (select t.host_table from private.mapping_entity_types() as t where t.entity_type = new.entity_type);
    v_id text;
begin
    if new.project_integration_id is null then
        return null;
    end if;
    select pi.* into v_integration from public.project_integrations as pi where pi.id = new.project_integration_id;
    if new.project_id is distinct from v_integration.project_id
        or new.provider_id is distinct from v_integration.provider_id or (new.feature_id is not null and not exists (
        select from public.integration_features as f
        where f.id = new.feature_id and f.provider_id = v_integration.provider_id
    )) then
        raise exception using errcode = 'PB409',
            message = 'a sync run names a project, provider or feature that is not its integration''s';
    end if;

    if v_table is not null and new.trigger_type <> 'realtime' then
        -- union: the entity_id and params entity_id are usually the same id, looked up once
        for v_id in
            select pg_catalog.regexp_replace(new.entity_id, '^batch:', '')
            where new.entity_id is not null
            union
            select v_params ->> 'entity_id'
            where pg_catalog.jsonb_typeof(v_params -> 'entity_id') = 'string'
            union
            select e.id
            from pg_catalog.jsonb_array_elements_text(
                case pg_catalog.jsonb_typeof(v_params -> 'entity_ids') when 'array' then v_params -> 'entity_ids' end
            ) as e (id)
        loop
            if not private.host_record_in_project(v_table, v_id, v_integration.project_id) then
                perform private.raise_not_in_project(new.entity_type, v_id);
            end if;
        end loop;
    end if;
    if v_params ? 'relationship_id' and not private.host_record_in_project(
        'project_relationships', v_params ->> 'relationship_id', v_integration.project_id
    ) then
        perform private.raise_not_in_project('relationship', v_params ->> 'relationship_id');
    end if;
    if v_params ? 'transaction_id' and not private.host_record_in_project(
        'transactions', v_params ->> 'transaction_id', v_integration.project_id
    ) then
        perform private.raise_not_in_project('transaction', v_params ->> 'transaction_id');
    end if;
    if v_params ? 'mapping_id' and not exists (
        select from public.integration_entity_mappings as m
        where m.id::text = v_params ->> 'mapping_id' and m.project_integration_id = new.project_integration_id
    ) then
        perform private.raise_not_in_project('mapping', v_params ->> 'mapping_id');
    end if;
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__same_project() from public;
