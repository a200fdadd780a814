create function public.integration_link_record(
    p_project_integration_id uuid, p_entity_type text, p_internal_id uuid, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
begin
    perform private.require_mapping_kind(p_entity_type, true);
    return pg_catalog.jsonb_build_object('linked', true)
        || private.link_mapping(v_integration, p_entity_type, p_internal_id::text, p_external_id);
end
$$;

comment on function public.integration_link_record(uuid, text, uuid, text) is
'Links a host record of the integration''s project to its provider id by hand (runs the on_link '
'features): {linked, mapping_id, log_ids}. Needs integration:manage. See docs/rpc.md.';

revoke all on function public.integration_link_record(uuid, text, uuid, text) from public, anon;

grant execute on function public.integration_link_record(uuid, text, uuid, text) to authenticated, service_role;
