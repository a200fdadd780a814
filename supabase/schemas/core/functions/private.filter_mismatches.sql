/** --- Feature filters (the trigger config's entity + filter pattern) --- */

-- The filter keys (sorted) whose value the row does not have; a filter array means any-of.
-- Keys in p_ignore are skipped (e.g. status, which "Send To" reports on its own).
create function private.filter_mismatches(p_filter jsonb, p_row jsonb, p_ignore text[])
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select coalesce(pg_catalog.array_agg(f.key order by f.key), '{}')
        from pg_catalog.jsonb_each(coalesce(p_filter, '{}')) as f
        where not f.key = any (coalesce(p_ignore, '{}'))
            and not case pg_catalog.jsonb_typeof(f.value)
                when 'array' then coalesce(f.value @> pg_catalog.jsonb_build_array(p_row -> f.key), false)
                else coalesce(p_row -> f.key = f.value, false)
            end
    );
end
$$;

revoke all on function private.filter_mismatches(jsonb, jsonb, text[]) from public;

grant execute on function private.filter_mismatches(jsonb, jsonb, text[]) to authenticated, service_role;
