-- One cron field: `*` or a comma list of n, n-m, optionally /step, within bounds.
create function private.cron_field_is_valid(p_field text, p_min integer, p_max integer)
returns boolean
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
    v_item text;
    v_parts text [];
begin
    foreach v_item in array pg_catalog.string_to_array(p_field, ',') loop
        v_parts := pg_catalog.regexp_match(v_item, '^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:/(\d{1,2}))?$');
        if v_parts is null
            or (v_parts[2] is not null and v_parts[2]::integer not between p_min and p_max)
            or (v_parts[3] is not null and (
                v_parts[3]::integer not between p_min and p_max
                or v_parts[3]::integer < v_parts[2]::integer))
            or (v_parts[4] is not null and v_parts[4]::integer = 0) then
            return false;
        end if;
    end loop;
    return true;
end
$$;

revoke all on function private.cron_field_is_valid(text, integer, integer) from public;
