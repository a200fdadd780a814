-- params.<key> as an integer within [p_min, p_max], p_default when absent; else PB422.
create function private.client_action_integer(
    p_params jsonb, p_key text, p_min integer, p_max integer, p_default integer
)
returns integer
language plpgsql immutable
set search_path = ''
as $$
declare
    v_value jsonb := p_params -> p_key;
begin
    if v_value is null or pg_catalog.jsonb_typeof(v_value) = 'null' then
        return p_default;
    end if;
    if pg_catalog.jsonb_typeof(v_value) <> 'number'
        or v_value::text !~ '^-?[0-9]{1,9}$'
        or (v_value::text)::integer not between p_min and p_max then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a whole number from %s to %s, not %s',
                p_key, p_min, p_max, pg_catalog.left(v_value::text, 60));
    end if;
    return (v_value::text)::integer;
end
$$;

revoke all on function private.client_action_integer(jsonb, text, integer, integer, integer) from public;

grant execute on function private.client_action_integer(jsonb, text, integer, integer, integer)
to authenticated, service_role;
