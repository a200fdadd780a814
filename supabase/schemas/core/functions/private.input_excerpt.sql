-- A caller's input as an error message may quote it: at most 40 characters, then '…'.
-- Messages named the whole value before, so a 1 MB filter came back whole (issue #18).
create function private.input_excerpt(p_value text)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select case when pg_catalog.length(p_value) > 40 then pg_catalog.left(p_value, 40) || '…' else p_value end
$$;

revoke all on function private.input_excerpt(text) from public;

grant execute on function private.input_excerpt(text) to authenticated, service_role;
