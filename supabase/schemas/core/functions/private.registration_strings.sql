-- A JSON array of distinct non-empty strings as text[] ('{}' when p_value is null).
create function private.registration_strings(p_value jsonb, p_path text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
    v_bad record;
begin
    select e.ordinality - 1 as i, e.value into v_bad
    from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
    where pg_catalog.jsonb_typeof(e.value) <> 'string' or e.value #>> '{}' = ''
    order by e.ordinality limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s[%s]: must be a non-empty string, not %s', p_path, v_bad.i,
                private.input_excerpt(v_bad.value::text));
    end if;
    select e.value #>> '{}' as value, e.ordinality - 1 as i into v_bad
    from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
    where exists (
        select from pg_catalog.jsonb_array_elements(p_value) with ordinality as o
        where o.value = e.value and o.ordinality < e.ordinality
    )
    order by e.ordinality limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s[%s]: "%s" is listed twice', p_path, v_bad.i,
                private.input_excerpt(v_bad.value));
    end if;
    return array(
        select e.value #>> '{}' from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
        order by e.ordinality
    );
end
$$;

revoke all on function private.registration_strings(jsonb, text) from public;
