-- "too_long" errors for each field whose value is longer than its limit.
-- p_values: {"field": "value", ...}; p_limits: {"field": max characters, ...}.
create function private.client_action_length_errors(p_values jsonb, p_limits jsonb, p_system text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select coalesce(pg_catalog.jsonb_agg(
            private.client_action_error('too_long', l.key, format(
                '%s is %s characters; %s allows at most %s',
                pg_catalog.upper(pg_catalog.left(l.key, 1)) || pg_catalog.replace(pg_catalog.substr(l.key, 2), '_', ' '),
                pg_catalog.length(p_values ->> l.key), p_system, l.value
            )) order by l.key
        ), '[]')
        from pg_catalog.jsonb_each_text(p_limits) as l
        where pg_catalog.length(p_values ->> l.key) > l.value::integer
    );
end
$$;

revoke all on function private.client_action_length_errors(jsonb, jsonb, text) from public;

grant execute on function private.client_action_length_errors(jsonb, jsonb, text) to authenticated, service_role;
