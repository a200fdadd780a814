-- A positive interval as PostgreSQL reads one ("1 hour", "90 minutes"), or null.
create function private.registration_interval(p_value text, p_path text)
returns interval
language plpgsql immutable
set search_path = ''
as $$
declare
    v_interval interval;
begin
    if p_value is null then
        return null;
    end if;
    begin
        v_interval := p_value::interval;
    exception when data_exception then
        v_interval := null;
    end;
    if v_interval is null or v_interval <= interval '0' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: "%s" is not a positive interval such as "1 hour"', p_path,
                private.input_excerpt(p_value));
    end if;
    return v_interval;
end
$$;

revoke all on function private.registration_interval(text, text) from public;
