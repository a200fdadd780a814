/** --- Results --- */

-- One entry of "errors". p_field names the param, column or line (e.g. lines[2].account_code).
create function private.client_action_error(p_code text, p_field text, p_message text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select pg_catalog.jsonb_build_object('code', p_code, 'field', p_field, 'message', p_message)
    );
end
$$;

revoke all on function private.client_action_error(text, text, text) from public;

grant execute on function private.client_action_error(text, text, text) to authenticated, service_role;
