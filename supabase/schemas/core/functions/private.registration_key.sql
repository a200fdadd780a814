-- A key as the catalogue tables accept it (lower case, digits and _, a letter first).
create function private.registration_key(p_value text, p_path text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
    if p_value !~ '^[a-z][a-z0-9_]*$' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: "%s" is not a key (lower-case letters, digits and _, a letter first)',
                p_path, private.input_excerpt(p_value));
    end if;
    return p_value;
end
$$;

revoke all on function private.registration_key(text, text) from public;
