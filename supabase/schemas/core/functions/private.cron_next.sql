-- private.cron_next(expression, after): the first minute after `after` a 5-field cron
-- expression (as private.cron_is_valid accepts it) names, in UTC. The schedule planner and
-- the schedule-state triggers compute next_run_at with it, in the database, set-based
-- (once per distinct expression per tick). Semantics are croniter's (the library the
-- worker side would use; tests/py/engine/test_cron_next.py checks both agree on generated
-- expressions): day-of-month and day-of-week are OR-ed when both are restricted; a
-- day-of-week covering all 7 days counts as unrestricted, a day-of-month only when `*`;
-- `n/step` runs from n to the field's maximum; 7 is Sunday. Null when no minute matches
-- within 9 years (e.g. "0 0 31 2 *").
create or replace function private.cron_next(p_expression text, p_after timestamptz)
returns timestamptz
language plpgsql immutable strict parallel safe
set search_path = ''
as $$
declare
    v_fields text [] := pg_catalog.regexp_split_to_array(pg_catalog.btrim(p_expression), ' +');
    v_min integer [] := array[0, 0, 1, 1, 0];
    v_max integer [] := array[59, 23, 31, 12, 7];
    -- per field (minute, hour, day of month, month, day of week): bit n set = n is named
    v_masks bigint [] := array[0, 0, 0, 0, 0];
    v_item text;
    v_part text [];
    v_low integer;
    v_high integer;
    v_step integer;
    v_dom_any boolean;
    v_dows bigint;
    v_dow_any boolean;
    v_start timestamp := pg_catalog.date_trunc('minute', p_after at time zone 'UTC')
        + interval '1 minute';
    v_day date := v_start::date;
    v_hour integer := extract(hour from v_start)::integer;
    v_minute integer := extract(minute from v_start)::integer;
    v_rest bigint;
    v_found integer;
    v_day_match boolean;
begin
    for v_field in 1..5 loop
        foreach v_item in array pg_catalog.string_to_array(v_fields[v_field], ',') loop
            v_part := pg_catalog.regexp_match(v_item, '^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:/(\d{1,2}))?$');
            v_low := coalesce(v_part[2]::integer, v_min[v_field]);
            v_high := case
                when v_part[3] is not null then v_part[3]::integer
                when v_part[2] is not null and v_part[4] is null then v_part[2]::integer
                else v_max[v_field]
            end;
            v_step := coalesce(v_part[4]::integer, 1);
            if v_step = 1 then
                v_masks[v_field] := v_masks[v_field] | ((1::bigint << (v_high + 1)) - (1::bigint << v_low));
            else
                for v_value in v_low..v_high by v_step loop
                    v_masks[v_field] := v_masks[v_field] | (1::bigint << v_value);
                end loop;
            end if;
        end loop;
    end loop;
    -- 7 is Sunday, as 0 is
    v_dows := (v_masks[5] | (v_masks[5] >> 7)) & 127;
    -- croniter's rule: a field is unrestricted when written `*`, or when it names every
    -- day and the other day field is written with a `*`
    v_dom_any := v_fields[3] = '*'
        or (v_masks[3] = (1::bigint << 32) - 2 and pg_catalog.strpos(v_fields[5], '*') > 0);
    v_dow_any := v_fields[5] = '*' or (v_dows = 127 and pg_catalog.strpos(v_fields[3], '*') > 0);
    for v_i in 0..(366 * 9) loop
        if (v_masks[4] >> extract(month from v_day)::integer) & 1 = 1 then
            v_day_match := case
                when v_dom_any and v_dow_any then true
                when v_dom_any then (v_dows >> extract(dow from v_day)::integer) & 1 = 1
                when v_dow_any then (v_masks[3] >> extract(day from v_day)::integer) & 1 = 1
                else (v_dows >> extract(dow from v_day)::integer) & 1 = 1
                    or (v_masks[3] >> extract(day from v_day)::integer) & 1 = 1
            end;
            if v_day_match then
                -- this hour from this minute on, else a later hour at its first minute;
                -- the lowest bit set of v_rest is found through its text form
                v_rest := case when (v_masks[2] >> v_hour) & 1 = 1 then v_masks[1] >> v_minute else 0 end;
                v_found := pg_catalog.strpos(pg_catalog.reverse(v_rest::bit(64)::text), '1') - 1;
                if v_found >= 0 then
                    return (v_day + pg_catalog.make_interval(hours => v_hour, mins => v_minute + v_found))
                        at time zone 'UTC';
                end if;
                v_rest := v_masks[2] >> (v_hour + 1);
                v_found := pg_catalog.strpos(pg_catalog.reverse(v_rest::bit(64)::text), '1') - 1;
                if v_hour < 23 and v_found >= 0 then
                    return (v_day + pg_catalog.make_interval(
                        hours => v_hour + 1 + v_found,
                        mins => pg_catalog.strpos(pg_catalog.reverse(v_masks[1]::bit(64)::text), '1') - 1
                    )) at time zone 'UTC';
                end if;
            end if;
        end if;
        v_day := v_day + 1;
        v_hour := 0;
        v_minute := 0;
    end loop;
    return null;
end
$$;

comment on function private.cron_next(text, timestamptz) is
'The first minute after p_after that a 5-field cron expression names (UTC, croniter''s '
'semantics); null when none within 9 years.';

revoke all on function private.cron_next(text, timestamptz) from public;
