-- Fair use of a budget every tenant shares (issue #18): a provider whose one API key
-- serves every project (Companies House: 600 requests per 5 minutes) names in the
-- catalogue how often a schedule may run at most. A project's schedule that fires closer
-- than that is refused (PB400) as it is written, and wherever next_run_at is computed it
-- is kept at least that far from now, so rows written before this rule, and switching a
-- feature off and on, cannot run it more often either.
-- Redefines private.reschedule_integrations (20261125021200),
-- private.tg_project_integration_features__schedule (20261125020300),
-- private.plan_schedule_batch (20261125022000) and the trigger-config checks
-- private.tg_integration_features__check_trigger_config and
-- private.tg_project_integration_features__check_trigger_config (20261125000900).

alter table public.integration_providers
add column min_schedule_interval interval check (min_schedule_interval > interval '0');

comment on column public.integration_providers.min_schedule_interval is
'Least time between two scheduled runs of one feature for one project, for providers '
'whose request budget every project shares; null: no minimum (a budget per project).';

update public.integration_providers set min_schedule_interval = interval '1 hour'
where key = 'companies_house';

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

-- An interval as people write it: "1 hour", "90 minutes", "2 days".
create function private.interval_words(p_interval interval)
returns text
language sql immutable strict parallel safe
set search_path = ''
as $$
    select pg_catalog.format('%s %s', u.n, u.unit || case when u.n = 1 then '' else 's' end)
    from (select extract(epoch from p_interval)::bigint as s) as e
    cross join lateral (
        select
            case
                when e.s % 86400 = 0 then e.s / 86400
                when e.s % 3600 = 0 then e.s / 3600
                when e.s % 60 = 0 then e.s / 60
                else e.s
            end as n,
            case
                when e.s % 86400 = 0 then 'day'
                when e.s % 3600 = 0 then 'hour'
                when e.s % 60 = 0 then 'minute'
                else 'second'
            end as unit
    ) as u
$$;

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

create function private.assert_schedule_interval(
    p_trigger public.sync_trigger_type, p_config jsonb, p_provider_id uuid
)
returns void
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text := private.schedule_interval_error(p_trigger, p_config, p_provider_id);
begin
    if v_error is not null then
        raise exception using errcode = 'PB400', message = v_error;
    end if;
end
$$;

create or replace function private.tg_integration_features__check_trigger_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.assert_trigger_config(new.default_trigger, new.default_trigger_config);
    perform private.assert_schedule_interval(new.default_trigger, new.default_trigger_config, new.provider_id);
    return new;
end
$$;

create or replace function private.tg_project_integration_features__check_trigger_config()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_feature public.integration_features;
begin
    if new.trigger_type is null and new.trigger_config is null then
        return new;
    end if;
    select * into v_feature from public.integration_features as f where f.id = new.feature_id;
    perform private.assert_trigger_config(
        coalesce(new.trigger_type, v_feature.default_trigger),
        coalesce(new.trigger_config, v_feature.default_trigger_config)
    );
    perform private.assert_schedule_interval(
        coalesce(new.trigger_type, v_feature.default_trigger),
        coalesce(new.trigger_config, v_feature.default_trigger_config),
        v_feature.provider_id
    );
    return new;
end
$$;

-- 20261125021200's, with each next run at least the provider's minimum from now.
create or replace function private.reschedule_integrations(p_integration_ids uuid[], p_restart boolean)
returns void
language sql volatile
set search_path = ''
as $$
    with features as (
        select
            pi.id as project_integration_id,
            f.id as feature_id,
            pif.id as override_id,
            pif.next_run_at,
            p.min_schedule_interval,
            private.schedule_of(pi, f, pif.is_enabled, pif.trigger_type, pif.trigger_config)
                as schedule
        from public.project_integrations as pi
        inner join public.integration_providers as p on pi.provider_id = p.id
        inner join public.integration_features as f on pi.provider_id = f.provider_id
        left join public.project_integration_features as pif
            on pi.id = pif.project_integration_id and f.id = pif.feature_id
        where pi.id = any (p_integration_ids)
    ),

    next_runs as (
        select s.schedule, s.min_schedule_interval, private.schedule_next(s.schedule, now(), s.min_schedule_interval) as next_run_at
        from (
            select distinct f.schedule, f.min_schedule_interval from features as f where f.schedule is not null
        ) as s
    ),

    wanted as (
        select
            f.project_integration_id,
            f.feature_id,
            f.override_id,
            f.next_run_at as current_next_run_at,
            case
                when f.schedule is null then null
                when p_restart or f.next_run_at is null then n.next_run_at
                else f.next_run_at
            end as next_run_at
        from features as f
        left join next_runs as n
            on f.schedule = n.schedule
            and f.min_schedule_interval is not distinct from n.min_schedule_interval
    ),

    created as (
        insert into public.project_integration_features (
            project_integration_id, feature_id, next_run_at
        )
        select w.project_integration_id, w.feature_id, w.next_run_at
        from wanted as w
        where w.override_id is null and w.next_run_at is not null
        on conflict (project_integration_id, feature_id) do nothing
    )

    update public.project_integration_features as pif
    set next_run_at = w.next_run_at
    from wanted as w
    where pif.id = w.override_id and w.next_run_at is distinct from w.current_next_run_at
$$;

-- 20261125020300's, with the next run at least the provider's minimum from now.
create or replace function private.tg_project_integration_features__schedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_feature public.integration_features;
    v_schedule text;
begin
    select * into v_integration from public.project_integrations as pi where pi.id = new.project_integration_id;
    select * into v_feature from public.integration_features as f where f.id = new.feature_id;
    v_schedule := private.schedule_of(v_integration, v_feature, new.is_enabled, new.trigger_type, new.trigger_config);
    if v_schedule is null then
        new.next_run_at := null;
    elsif tg_op = 'INSERT' or new.next_run_at is null
        or v_schedule is distinct from private.schedule_of(
            v_integration, v_feature, old.is_enabled, old.trigger_type, old.trigger_config) then
        new.next_run_at := private.schedule_next(
            v_schedule,
            now(),
            (select p.min_schedule_interval from public.integration_providers as p where p.id = v_feature.provider_id)
        );
    end if;
    return new;
end
$$;

-- 20261125022000's, with each schedule moved on at least the provider's minimum.
create or replace function private.plan_schedule_batch(p_ids uuid[], p_now timestamptz)
returns integer
language plpgsql
set search_path = ''
as $$
declare
    v_log_ids uuid [];
    v_integration_ids uuid [];
    v_feature_ids uuid [];
    v_actions text [];
    v_entity_types text [];
    v_params jsonb [];
    v_keys text [];
begin
    with due as (
        select
            pif.id,
            pif.project_integration_id,
            pif.feature_id,
            f.key as feature_key,
            f.server_action,
            f.entity_type,
            p.min_schedule_interval,
            private.schedule_of(pi, f, pif.is_enabled, pif.trigger_type, pif.trigger_config)
                as schedule
        from public.project_integration_features as pif
        inner join public.project_integrations as pi on pif.project_integration_id = pi.id
        inner join public.integration_features as f on pif.feature_id = f.id
        inner join public.integration_providers as p on f.provider_id = p.id
        where pif.id = any(p_ids) and pif.next_run_at <= p_now
        for update of pif skip locked
    ),

    -- materialized: inlined, it sat on the inner side of a nested loop and computed each
    -- schedule's next run once per due feature instead of once
    next_runs as materialized (
        select
            s.schedule,
            s.min_schedule_interval,
            private.schedule_next(s.schedule, p_now, s.min_schedule_interval) as next_run_at
        from (
            select distinct d.schedule, d.min_schedule_interval from due as d where d.schedule is not null
        ) as s
    ),

    advanced as (
        update public.project_integration_features as pif
        set next_run_at = n.next_run_at
        from due as d
        left join next_runs as n
            on d.schedule = n.schedule
            and d.min_schedule_interval is not distinct from n.min_schedule_interval
        where pif.id = d.id
    ),

    runs as (
        select
            d.*,
            private.sync_run_key(d.project_integration_id, d.feature_id, d.server_action, null)
                as key
        from due as d
        where d.schedule is not null and d.server_action is not null
    )

    select
        pg_catalog.array_agg(pg_catalog.gen_random_uuid()),
        pg_catalog.array_agg(r.project_integration_id),
        pg_catalog.array_agg(r.feature_id),
        pg_catalog.array_agg(r.server_action),
        pg_catalog.array_agg(r.entity_type),
        pg_catalog.array_agg(pg_catalog.jsonb_build_object('feature', r.feature_key)),
        pg_catalog.array_agg(r.key)
    into v_log_ids, v_integration_ids, v_feature_ids, v_actions, v_entity_types, v_params, v_keys
    from runs as r
    where not exists (
        select
        from procrastinate.procrastinate_jobs as j
        where j.queueing_lock = private.sync_run_queueing_lock(r.key, 'on_schedule')
            and j.status = 'todo'
    );

    if v_log_ids is null then
        return 0;
    end if;
    if private.defer_sync_jobs(v_log_ids, v_keys, 'on_schedule') is null then
        -- one of these runs was queued meanwhile (a person asked for it): one by one, each
        -- finding its waiting run
        perform private.enqueue_sync_run(r.integration_id, r.feature_id, 'on_schedule', r.action, r.entity_type, null, r.params, null)
        from unnest(v_integration_ids, v_feature_ids, v_actions, v_entity_types, v_params)
            as r (integration_id, feature_id, action, entity_type, params);
    else
        perform private.insert_pending_sync_logs(
            v_log_ids, v_integration_ids, v_feature_ids, 'on_schedule', v_actions, v_entity_types,
            pg_catalog.array_fill(null::text, array[pg_catalog.cardinality(v_log_ids)]), v_params, null
        );
    end if;
    return pg_catalog.cardinality(v_log_ids);
end
$$;

revoke all on function private.cron_runs_closer_than(text, interval) from public;
revoke all on function private.interval_words(interval) from public;
revoke all on function private.schedule_next(text, timestamptz, interval) from public;
revoke all on function private.schedule_interval_error(public.sync_trigger_type, jsonb, uuid) from public;
revoke all on function private.assert_schedule_interval(public.sync_trigger_type, jsonb, uuid) from public;
