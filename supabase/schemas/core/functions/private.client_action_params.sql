create or replace function private.client_action_params(p_params jsonb, p_allowed text[], p_required text[])
returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_expected text := 'params are a JSON object with the keys: '
        || pg_catalog.array_to_string(p_allowed, ', ')
        || ' (required: ' || coalesce(pg_catalog.array_to_string(p_required, ', '), '') || ')';
begin
    if p_params is null or pg_catalog.jsonb_typeof(p_params) <> 'object' then
        raise exception using errcode = 'PB422',
            message = format('params must be a JSON object, not %s',
                coalesce(pg_catalog.jsonb_typeof(p_params), 'null')),
            hint = v_expected;
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(p_params) loop
        if not v_key = any (p_allowed) then
            raise exception using errcode = 'PB422',
                message = format('params.%s: unknown key', private.input_excerpt(v_key)), hint = v_expected;
        end if;
    end loop;
    foreach v_key in array p_required loop
        if pg_catalog.jsonb_typeof(p_params -> v_key) is null
            or pg_catalog.jsonb_typeof(p_params -> v_key) = 'null' then
            raise exception using errcode = 'PB422',
                message = format('params.%s: required', v_key), hint = v_expected;
        end if;
    end loop;
    return p_params;
end
$$;

revoke all on function private.client_action_params(jsonb, text[], text[]) from public;

grant execute on function private.client_action_params(jsonb, text[], text[]) to authenticated, service_role;
