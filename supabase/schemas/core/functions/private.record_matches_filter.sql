create function private.record_matches_filter(p_record jsonb, p_filter jsonb)
returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
    select not exists (
        select
        from pg_catalog.jsonb_each(coalesce(p_filter, '{}')) as e (key, value)
        where not coalesce(
            case
                when pg_catalog.jsonb_typeof(e.value) = 'array'
                    then e.value @> pg_catalog.jsonb_build_array(p_record -> e.key)
                else p_record -> e.key = e.value
            end,
            false
        )
    )
$$;

revoke all on function private.record_matches_filter(jsonb, jsonb) from public;
