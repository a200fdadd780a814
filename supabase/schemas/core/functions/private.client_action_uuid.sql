-- params.<key> as a uuid (a JSON string in uuid form), or null when absent; else PB422.
create function private.client_action_uuid(p_params jsonb, p_key text)
returns uuid
language plpgsql immutable
set search_path = ''
as $$
declare
    v_text text := private.client_action_text(p_params, p_key);
begin
    if v_text is not null
        and v_text !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a uuid, not "%s"', p_key, pg_catalog.left(v_text, 60));
    end if;
    return v_text::uuid;
end
$$;

revoke all on function private.client_action_uuid(jsonb, text) from public;

grant execute on function private.client_action_uuid(jsonb, text) to authenticated, service_role;
