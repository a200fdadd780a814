create function private.tg_integration_entity_mappings__same_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_table text := private.mapping_host_table(new.entity_type);
begin
    if v_table is not null and not private.host_record_in_project(
        v_table, new.internal_id,
        (select pi.project_id from public.project_integrations as pi where pi.id = new.project_integration_id)
    ) then
        perform private.raise_not_in_project(new.entity_type, new.internal_id);
    end if;
    return null;
end
$$;

revoke all on function private.tg_integration_entity_mappings__same_project() from public;
