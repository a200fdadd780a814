create function private.client_action_result(p_errors jsonb, p_data jsonb)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select pg_catalog.jsonb_build_object(
            'valid', pg_catalog.jsonb_array_length(coalesce(p_errors, '[]')) = 0,
            'errors', coalesce(p_errors, '[]'),
            'data', coalesce(p_data, '{}')
        )
    );
end
$$;

revoke all on function private.client_action_result(jsonb, jsonb) from public;

grant execute on function private.client_action_result(jsonb, jsonb) to authenticated, service_role;
