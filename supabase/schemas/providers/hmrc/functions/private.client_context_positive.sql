create or replace function private.client_context_positive(p_value jsonb)
returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
    select case
        when pg_catalog.jsonb_typeof(p_value) = 'number' then (p_value #>> '{}')::numeric > 0
        else false
    end
$$;

revoke all on function private.client_context_positive(jsonb) from public;

grant execute on function private.client_context_positive(jsonb) to authenticated, service_role;
