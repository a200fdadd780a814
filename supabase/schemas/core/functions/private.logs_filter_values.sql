-- A filter value as a text array: a JSON string, or an array of strings; else PB422.
create function private.logs_filter_values(p_filters jsonb, p_key text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
    v_value jsonb := p_filters -> p_key;
begin
    if v_value is null then
        return null;
    end if;
    if pg_catalog.jsonb_typeof(v_value) = 'string' then
        return array[v_value ->> 0];
    end if;
    if pg_catalog.jsonb_typeof(v_value) = 'array'
        and not pg_catalog.jsonb_path_exists(v_value, '$[*] ? (@.type() != "string")') then
        return array(select pg_catalog.jsonb_array_elements_text(v_value));
    end if;
    raise exception using errcode = 'PB422',
        message = format('filters.%s: a string or an array of strings', p_key);
end
$$;

revoke all on function private.logs_filter_values(jsonb, text) from public;

grant execute on function private.logs_filter_values(jsonb, text) to authenticated, service_role;
