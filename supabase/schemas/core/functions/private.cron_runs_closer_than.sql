-- Does the cron expression ever fire twice less than p_interval apart? Every day has the
-- same runs (minute and hour fields), so the gaps are those within one day and, between
-- two days that both run, from the last run of the first to the first run of the next.
create function private.cron_runs_closer_than(p_expression text, p_interval interval)
returns boolean
language plpgsql immutable strict parallel safe
set search_path = ''
as $$
declare
    v_fields text [] := pg_catalog.regexp_split_to_array(pg_catalog.btrim(p_expression), ' +');
    v_times_of_day text := v_fields[1] || ' ' || v_fields[2] || ' * * *';
    v_days text := '0 0 ' || v_fields[3] || ' ' || v_fields[4] || ' ' || v_fields[5];
    -- a leap year's first day; eight years cover every day-of-month and weekday pattern
    c_day0 constant timestamptz := '2000-01-01 00:00Z'::timestamptz;
    v_first timestamptz := private.cron_next(v_times_of_day, c_day0 - interval '1 minute');
    v_at timestamptz := v_first;
    v_next timestamptz;
    v_span interval;
begin
    if p_interval <= interval '1 minute' then
        return false;
    end if;
    loop
        v_next := private.cron_next(v_times_of_day, v_at);
        exit when v_next >= c_day0 + interval '1 day';
        if v_next - v_at < p_interval then
            return true;
        end if;
        v_at := v_next;
    end loop;
    -- from the day's first run to its last; runs a day apart are at least 1 day - that
    v_span := v_at - v_first;
    if interval '1 day' - v_span >= p_interval then
        return false;
    end if;
    v_next := private.cron_next(v_days, c_day0 - interval '1 minute');
    while v_next < c_day0 + interval '8 years' loop
        v_at := v_next;
        v_next := private.cron_next(v_days, v_at);
        if v_next - v_at - v_span < p_interval then
            return true;
        end if;
    end loop;
    return false;
end
$$;

comment on function private.cron_runs_closer_than(text, interval) is
'Whether a valid 5-field cron expression fires twice less than p_interval apart.';

revoke all on function private.cron_runs_closer_than(text, interval) from public;
