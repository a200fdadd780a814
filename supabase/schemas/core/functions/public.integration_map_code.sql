-- Maps the project's reference code p_code to the provider's id; a null p_external_id
-- removes the code's mapping.
create function public.integration_map_code(
    p_project_integration_id uuid, p_entity_type text, p_code text, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_code text := pg_catalog.btrim(p_code);
    v_mapping_id uuid;
begin
    perform private.require_mapping_kind(p_entity_type, false);
    if coalesce(pg_catalog.length(v_code), 0) not between 1 and 100 then
        raise exception using errcode = 'PB422', message = 'code: give the project''s code (1 to 100 characters)';
    end if;
    if p_external_id is not null then
        return pg_catalog.jsonb_build_object('mapped', true)
            || (private.link_mapping(v_integration, p_entity_type, v_code, p_external_id) - 'log_ids');
    end if;
    delete from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id and m.entity_type = p_entity_type and m.internal_id = v_code
    returning m.id into v_mapping_id;
    return pg_catalog.jsonb_build_object('mapped', false, 'mapping_id', v_mapping_id);
end
$$;

comment on function public.integration_map_code(uuid, text, text, text) is
'Maps a reference code (account, tax_code, class) to the provider''s id, or unmaps it (null): '
'{mapped, mapping_id}. Needs integration:manage. See docs/rpc.md.';

revoke all on function public.integration_map_code(uuid, text, text, text) from public, anon;

grant execute on function public.integration_map_code(uuid, text, text, text) to authenticated, service_role;
