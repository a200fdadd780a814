-- The host table of a mapping entity type (null for a reference code); PB422 for a type
-- Plugboard does not map.
create function private.mapping_host_table(p_entity_type text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
    v_table text;
begin
    select t.host_table into v_table from private.mapping_entity_types() as t where t.entity_type = p_entity_type;
    if not found then
        raise exception using errcode = 'PB422',
            message = format('entity type "%s" is not one Plugboard maps', pg_catalog.left(p_entity_type, 40)),
            hint = (select 'Use one of: ' || pg_catalog.string_agg(t.entity_type, ', ')
                from private.mapping_entity_types() as t);
    end if;
    return v_table;
end
$$;

revoke all on function private.mapping_host_table(text) from public;
