create function private.cron_is_valid(p_expression text)
returns boolean
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
    v_fields text [] := pg_catalog.regexp_split_to_array(pg_catalog.btrim(p_expression), ' +');
begin
    return pg_catalog.cardinality(v_fields) = 5
        and private.cron_field_is_valid(v_fields[1], 0, 59)
        and private.cron_field_is_valid(v_fields[2], 0, 23)
        and private.cron_field_is_valid(v_fields[3], 1, 31)
        and private.cron_field_is_valid(v_fields[4], 1, 12)
        and private.cron_field_is_valid(v_fields[5], 0, 7);
end
$$;

revoke all on function private.cron_is_valid(text) from public;
