-- Links p_internal_id (a host record's id, or a reference code) to the provider's
-- p_external_id (replacing another link of it, which runs the on_link features again);
-- linking the same pair again changes nothing. Whether the record is one of the
-- integration's project is the mappings' own check (private.tg_integration_entity_mappings__same_project).
-- Returns {"mapping_id", "log_ids": the pending on_link runs}.
create function private.link_mapping(
    p_integration public.project_integrations, p_entity_type text, p_internal_id text, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_external_id text := pg_catalog.btrim(p_external_id);
    v_mapping public.integration_entity_mappings;
begin
    if coalesce(pg_catalog.length(v_external_id), 0) not between 1 and 200 then
        raise exception using errcode = 'PB422',
            message = 'external_id: give the provider''s id of the record (1 to 200 characters)';
    end if;
    if exists (
        select from public.integration_entity_mappings as m
        where m.project_integration_id = p_integration.id and m.entity_type = p_entity_type
            and m.external_id = v_external_id and m.internal_id <> p_internal_id
    ) then
        raise exception using errcode = 'PB409',
            message = format('%s %s is already linked to another record of this integration',
                p_entity_type, pg_catalog.left(v_external_id, 40)),
            hint = 'Unlink that record first.';
    end if;

    select m.* into v_mapping
    from public.integration_entity_mappings as m
    where m.project_integration_id = p_integration.id and m.entity_type = p_entity_type
        and m.internal_id = p_internal_id;
    if v_mapping.external_id = v_external_id then
        return pg_catalog.jsonb_build_object('mapping_id', v_mapping.id, 'log_ids', '[]'::jsonb);
    end if;
    delete from public.integration_entity_mappings as m where m.id = v_mapping.id;
    insert into public.integration_entity_mappings (
        project_integration_id, entity_type, internal_id, external_id, created_via, created_by
    )
    values (p_integration.id, p_entity_type, p_internal_id, v_external_id, 'link', private.caller_uid())
    returning * into v_mapping;
    return pg_catalog.jsonb_build_object(
        'mapping_id', v_mapping.id,
        'log_ids', coalesce((
            select pg_catalog.jsonb_agg(l.id order by l.created_at, l.action)
            from public.integration_sync_logs as l
            where l.project_integration_id = p_integration.id and l.trigger_type = 'on_link'
                and l.entity_id = p_internal_id and l.status = 'pending'
        ), '[]')
    );
end
$$;

revoke all on function private.link_mapping(public.project_integrations, text, text, text) from public;
