-- Checks p_value is an object holding only p_fields' keys, each of its JSON type. p_fields
-- maps a key to its type: 'string', 'number', 'boolean', 'array' or 'object', several
-- joined by '|' ('string|null'), a trailing '!' for a required key (never null).
create function private.registration_check_fields(p_value jsonb, p_path text, p_fields jsonb)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_spec text;
    v_types text [];
    v_hint text := 'the fields: ' || (
        select pg_catalog.string_agg(f.key || ' (' || f.value || ')', ', ' order by f.key)
        from pg_catalog.jsonb_each_text(p_fields) as f
    ) || '; ! marks a required one';
begin
    if pg_catalog.jsonb_typeof(p_value) is distinct from 'object' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: must be a JSON object, not %s', p_path,
                coalesce(pg_catalog.jsonb_typeof(p_value), 'missing')),
            hint = v_hint;
    end if;
    select k into v_key from pg_catalog.jsonb_object_keys(p_value) as k where not p_fields ? k order by k limit 1;
    if v_key is not null then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.%s: not a field of this description', p_path,
                private.input_excerpt(v_key)),
            hint = v_hint;
    end if;
    for v_key, v_spec in select f.key, f.value from pg_catalog.jsonb_each_text(p_fields) as f order by f.key loop
        v_types := pg_catalog.string_to_array(pg_catalog.rtrim(v_spec, '!'), '|');
        if not p_value ? v_key then
            if v_spec like '%!' then
                raise exception using errcode = 'PB422',
                    message = pg_catalog.format('%s.%s: required, missing', p_path, v_key), hint = v_hint;
            end if;
        elsif pg_catalog.jsonb_typeof(p_value -> v_key) <> all (v_types) then
            raise exception using errcode = 'PB422',
                message = pg_catalog.format('%s.%s: must be %s, not %s', p_path, v_key,
                    pg_catalog.array_to_string(v_types, ' or '), pg_catalog.jsonb_typeof(p_value -> v_key)),
                hint = v_hint;
        end if;
    end loop;
end
$$;

revoke all on function private.registration_check_fields(jsonb, text, jsonb) from public;
