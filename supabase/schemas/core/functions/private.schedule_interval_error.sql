-- null, or the PB400 message for a schedule closer than the provider's minimum.
create function private.schedule_interval_error(
    p_trigger public.sync_trigger_type, p_config jsonb, p_provider_id uuid
)
returns text
language sql stable
set search_path = ''
as $$
    select pg_catalog.format(
        'trigger_config.schedule: "%s" runs more often than once every %s, the least interval '
        || 'for %s (its API budget is shared by every project); write a schedule whose runs are '
        || 'at least %s apart, such as "%s"',
        p_config ->> 'schedule', private.interval_words(p.min_schedule_interval), p.name,
        private.interval_words(p.min_schedule_interval),
        case
            when p.min_schedule_interval <= interval '1 hour' then '0 * * * *'
            when p.min_schedule_interval <= interval '1 day' then '0 3 * * *'
            else '0 3 * * 1'
        end
    )
    from public.integration_providers as p
    where p.id = p_provider_id
        and p_trigger = 'on_schedule'
        and p.min_schedule_interval is not null
        and private.cron_runs_closer_than(p_config ->> 'schedule', p.min_schedule_interval)
$$;

revoke all on function private.schedule_interval_error(public.sync_trigger_type, jsonb, uuid) from public;
