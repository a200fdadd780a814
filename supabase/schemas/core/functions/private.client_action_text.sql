-- params.<key> as text: a JSON string, or null when absent or null; else PB422.
create function private.client_action_text(p_params jsonb, p_key text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
    if coalesce(pg_catalog.jsonb_typeof(p_params -> p_key), 'null') not in ('string', 'null') then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a string, not %s', p_key,
                pg_catalog.jsonb_typeof(p_params -> p_key));
    end if;
    return p_params ->> p_key;
end
$$;

revoke all on function private.client_action_text(jsonb, text) from public;

grant execute on function private.client_action_text(jsonb, text) to authenticated, service_role;
