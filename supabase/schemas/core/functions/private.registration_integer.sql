-- A whole JSON number that fits an integer, or p_default when p_value is null.
create function private.registration_integer(p_value jsonb, p_path text, p_default integer)
returns integer
language plpgsql immutable
set search_path = ''
as $$
begin
    if p_value is null then
        return p_default;
    end if;
    if p_value::text::numeric <> pg_catalog.trunc(p_value::text::numeric)
        or p_value::text::numeric not between -2147483648 and 2147483647 then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: must be a whole number, not %s', p_path,
                private.input_excerpt(p_value::text));
    end if;
    return p_value::text::numeric::integer;
end
$$;

revoke all on function private.registration_integer(jsonb, text, integer) from public;
