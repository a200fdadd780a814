-- The next run of p_schedule after p_after, at least p_min later (to the minute).
create function private.schedule_next(p_schedule text, p_after timestamptz, p_min interval)
returns timestamptz
language sql immutable parallel safe
set search_path = ''
as $$
    select private.cron_next(
        p_schedule,
        p_after + greatest(coalesce(p_min, interval '0') - interval '1 minute', interval '0')
    )
$$;

revoke all on function private.schedule_next(text, timestamptz, interval) from public;
