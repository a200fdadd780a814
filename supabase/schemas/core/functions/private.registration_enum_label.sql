-- p_value when it is a label of the enum p_type, else PB422 listing the labels.
create function private.registration_enum_label(p_value text, p_path text, p_type regtype)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_labels text [] := array(
        select e.enumlabel::text from pg_catalog.pg_enum as e where e.enumtypid = p_type order by e.enumsortorder
    );
begin
    if p_value = any (v_labels) then
        return p_value;
    end if;
    raise exception using errcode = 'PB422',
        message = pg_catalog.format('%s: "%s" is not one of %s', p_path, private.input_excerpt(p_value),
            pg_catalog.array_to_string(v_labels, ', '));
end
$$;

revoke all on function private.registration_enum_label(text, text, regtype) from public;
