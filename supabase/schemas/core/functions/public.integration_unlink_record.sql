create function public.integration_unlink_record(
    p_project_integration_id uuid, p_entity_type text, p_internal_id uuid
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_mapping_id uuid;
begin
    perform private.require_mapping_kind(p_entity_type, true);
    delete from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id and m.entity_type = p_entity_type
        and m.internal_id = p_internal_id::text
    returning m.id into v_mapping_id;
    return pg_catalog.jsonb_build_object('unlinked', v_mapping_id is not null, 'mapping_id', v_mapping_id);
end
$$;

comment on function public.integration_unlink_record(uuid, text, uuid) is
'Removes the hand or sync link of a host record: {unlinked, mapping_id}. Needs integration:manage.';

revoke all on function public.integration_unlink_record(uuid, text, uuid) from public, anon;

grant execute on function public.integration_unlink_record(uuid, text, uuid) to authenticated, service_role;
