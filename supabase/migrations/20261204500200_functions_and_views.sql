-- Baseline (issue #19): Every core function and view (a view, and a function another calls in its sql body,
-- ahead of those that need it).
-- The schema files below, in supabase/schemas/load_order.txt's order; a later change is a
-- new migration plus the edited schema file (docs/contributing.md).

-- supabase/schemas/core/functions/private.sync_run_queueing_lock.sql

-- A run already waiting is handed back only to a caller of the same trigger type: the
-- queueing lock is the run key plus the trigger, the lock stays the run key. So a
-- person's "Send To" or "Sync now" gets a run (and a log naming them) even while an
-- automatic run of the same work waits, and the two still never overlap; a second status
-- change, a second click or a second planning tick still finds the waiting run of its own
-- kind.
create function private.sync_run_queueing_lock(p_lock text, p_trigger public.sync_trigger_type)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select p_lock || '#' || p_trigger::text
$$;

revoke all on function private.sync_run_queueing_lock(text, public.sync_trigger_type) from public;

-- supabase/schemas/core/functions/private.features_triggered_by.sql

-- Which features a trigger fires: the features of enabled, Connected project integrations
-- (of the given projects, or the given integrations) whose effective trigger — the
-- project's override, else the catalogue's default — is p_trigger, that are active,
-- enabled for the project and have a server action to run. And whether a record (as
-- jsonb, to_jsonb of its row) matches a trigger config's filter: every key equal to the
-- record's column, an array meaning any of its values (jsonb equality: 10 = 10.0).
create function private.features_triggered_by(
    p_trigger public.sync_trigger_type, p_project_ids uuid[], p_integration_ids uuid[]
)
returns table (
    project_id uuid,
    project_integration_id uuid,
    feature_id uuid,
    feature_key text,
    server_action text,
    entity_type text,
    trigger_config jsonb
)
language sql stable
set search_path = ''
as $$
    select
        pi.project_id,
        pi.id,
        f.id,
        f.key,
        f.server_action,
        f.entity_type,
        coalesce(pif.trigger_config, f.default_trigger_config)
    from public.project_integrations as pi
    inner join public.integration_features as f
        on pi.provider_id = f.provider_id and f.is_active and f.server_action is not null
    left join public.project_integration_features as pif
        on pi.id = pif.project_integration_id and f.id = pif.feature_id
    where (pi.project_id = any (p_project_ids) or pi.id = any (p_integration_ids))
        and pi.is_enabled
        and pi.status = 'Connected'
        and coalesce(pif.is_enabled, true)
        and coalesce(pif.trigger_type, f.default_trigger) = p_trigger
$$;

revoke all on function private.features_triggered_by(
    public.sync_trigger_type, uuid[], uuid[]
) from public;

-- supabase/schemas/core/functions/private.enqueue_sync_run.sql

-- private.enqueue_sync_run: THE one way a sync run is created. It writes the pending sync
-- log (the contract every caller relies on: RPCs, triggers, schedules, webhooks) and
-- returns its id. The sync engine hands the same run to the job queue here, in the same
-- transaction, so a rolled-back caller enqueues nothing. Keep the name and signature stable.
--   p_feature_id   null for an action no feature names (e.g. testConnection)
--   p_params       the action's input; kept in details.params (never a secret)
--   p_requested_by the person who asked (null for triggers and schedules)
-- It hands the run to the job queue, in the caller's transaction. Work already waiting
-- is not queued twice: when a run with the same key (private.sync_run_key: integration,
-- feature or action, entity) is still waiting for a worker, its log id is returned and
-- nothing new is written. A run that already started does not count: a change after it
-- started needs a run of its own, which waits for the first (the key is also the job's lock).
-- Without the job queue (its migrations not applied) the run is still written, failed
-- with error code queue_unavailable saying so: a host write that triggers a run never
-- fails because the queue is missing.
create or replace function private.enqueue_sync_run(
    p_project_integration_id uuid,
    p_feature_id uuid,
    p_trigger public.sync_trigger_type,
    p_action text,
    p_entity_type text,
    p_entity_id text,
    p_params jsonb,
    p_requested_by uuid
)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
    v_lock text := private.sync_run_key(p_project_integration_id, p_feature_id, p_action, p_entity_id);
    v_log_id uuid;
    v_queue_installed boolean := private.job_queue_installed();
    v_queued boolean := false;
begin
    -- a waiting run with this key is handed back; if it starts between our attempt to
    -- queue and our look-up, the next attempt queues a new run (at most a few rounds)
    for v_round in 1..3 loop
        v_log_id := pg_catalog.gen_random_uuid();
        if v_queue_installed then
            v_queued := private.defer_sync_jobs(array[v_log_id], array[v_lock], p_trigger) is not null;
        end if;
        if v_queued or not v_queue_installed then
            if private.insert_pending_sync_logs(
                array[v_log_id], array[p_project_integration_id], array[p_feature_id], p_trigger,
                array[p_action], array[p_entity_type], array[p_entity_id], array[p_params],
                p_requested_by
            ) = 0 then
                raise exception using errcode = 'PB404', message = format(
                    'no project integration %s (or feature %s is not one of its provider''s)',
                    p_project_integration_id, p_feature_id);
            end if;
            if not v_queue_installed then
                update public.integration_sync_logs
                set status = 'failed', error_code = 'queue_unavailable', finished_at = pg_catalog.now(),
                    error_message = 'this run was not queued: the job queue (schema procrastinate) is '
                    || 'not installed in this database. Apply the migrations (supabase db push, '
                    || 'or plugboard db migrate), then ask for the run again.'
                where id = v_log_id;
            end if;
            return v_log_id;
        end if;
        select (j.args ->> 'log_id')::uuid into v_log_id
        from procrastinate.procrastinate_jobs as j
        where j.queueing_lock = private.sync_run_queueing_lock(v_lock, p_trigger) and j.status = 'todo';
        if v_log_id is not null then
            return v_log_id;
        end if;
    end loop;
    raise exception using errcode = 'PB503', message = format(
        'could not queue sync run %s: its key stayed contended', v_lock);
end
$$;

revoke all on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) from public;

grant execute on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) to service_role;

comment on function private.enqueue_sync_run(
    uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid
) is
'Creates a pending sync run (its integration_sync_logs row) and its job in the caller''s '
'transaction; returns the log id, or the id of the same run already waiting for a worker. '
'The only writer of pending sync logs besides the schedule planner (same helper).';

-- supabase/schemas/core/functions/private.record_matches_filter.sql

create function private.record_matches_filter(p_record jsonb, p_filter jsonb)
returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
    select not exists (
        select
        from pg_catalog.jsonb_each(coalesce(p_filter, '{}')) as e (key, value)
        where not coalesce(
            case
                when pg_catalog.jsonb_typeof(e.value) = 'array'
                    then e.value @> pg_catalog.jsonb_build_array(p_record -> e.key)
                else p_record -> e.key = e.value
            end,
            false
        )
    )
$$;

revoke all on function private.record_matches_filter(jsonb, jsonb) from public;

-- supabase/schemas/core/functions/private.schedule_of.sql

-- The cron schedule a feature runs on for a project, or null when it is not schedulable.
create function private.schedule_of(
    p_integration public.project_integrations,
    p_feature public.integration_features,
    p_is_enabled boolean,
    p_trigger_type public.sync_trigger_type,
    p_trigger_config jsonb
)
returns text
language sql immutable
set search_path = ''
as $$
    -- one expression, no FROM: the planner inlines it into set-based queries
    select case
        when p_integration.is_enabled
            and p_integration.status = 'Connected'
            and p_feature.is_active
            and coalesce(p_is_enabled, true)
            and coalesce(p_trigger_type, p_feature.default_trigger) = 'on_schedule'
            then coalesce(p_trigger_config, p_feature.default_trigger_config) ->> 'schedule'
    end
$$;

revoke all on function private.schedule_of(
    public.project_integrations, public.integration_features, boolean,
    public.sync_trigger_type, jsonb
) from public;

-- supabase/schemas/core/functions/private.cron_next.sql

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

-- supabase/schemas/core/functions/private.schedule_next.sql

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

-- supabase/schemas/core/views/public.v_project_integration_features.sql

-- Every feature of every project integration with its effective state: the project's
-- override where one exists, else the catalogue's default (features are enabled unless a
-- project turned one off; see auto_enable_integrations).
create view public.v_project_integration_features
with (security_invoker = true) as
select
    pi.id as project_integration_id,
    pi.project_id,
    pi.provider_id,
    p.key as provider_key,
    f.id as feature_id,
    f.key as feature_key,
    f.name as feature_name,
    f.description as feature_description,
    f.sync_direction,
    f.entity_type,
    f.server_action,
    pi.is_enabled as integration_enabled,
    pi.status as integration_status,
    coalesce(pif.is_enabled, true) as is_enabled,
    coalesce(pif.trigger_type, f.default_trigger) as trigger_type,
    coalesce(pif.trigger_config, f.default_trigger_config) as trigger_config,
    f.default_trigger,
    f.default_trigger_config,
    (pif.trigger_type is not null or pif.trigger_config is not null) is true as is_overridden,
    pif.id as override_id,
    pif.last_run_at,
    pif.next_run_at
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id
inner join public.integration_features as f on pi.provider_id = f.provider_id and f.is_active
left join public.project_integration_features as pif
    on pi.id = pif.project_integration_id and f.id = pif.feature_id;

revoke all on public.v_project_integration_features from anon;

grant select on public.v_project_integration_features to authenticated, service_role;

revoke insert, update, delete on public.v_project_integration_features from authenticated;

-- supabase/schemas/core/views/public.v_integration_sync_logs.sql

create or replace view public.v_integration_sync_logs
with (security_invoker = true) as
select
    l.id,
    l.project_id,
    l.project_integration_id,
    l.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    l.feature_id,
    f.key as feature_key,
    f.name as feature_name,
    l.trigger_type,
    l.direction,
    l.status,
    l.action,
    l.entity_type,
    l.entity_id,
    l.external_id,
    l.records_processed,
    l.records_created,
    l.records_updated,
    l.records_skipped,
    l.records_failed,
    l.error_code,
    l.error_message,
    l.attempt,
    l.details,
    l.requested_by,
    l.created_at,
    l.started_at,
    l.finished_at,
    l.duration_ms,
    l.records_linked
from public.integration_sync_logs as l
inner join public.integration_providers as p on l.provider_id = p.id
left join public.integration_features as f on l.feature_id = f.id;

revoke all on public.v_integration_sync_logs from anon;

grant select on public.v_integration_sync_logs to authenticated, service_role;

revoke insert, update, delete on public.v_integration_sync_logs from authenticated;

-- supabase/schemas/core/functions/private.assert_schedule_interval.sql

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

revoke all on function private.assert_schedule_interval(public.sync_trigger_type, jsonb, uuid) from public;

-- supabase/schemas/core/functions/private.assert_trigger_config.sql

-- PB400: invalid trigger config (documented in docs/errors.md).
create function private.assert_trigger_config(p_trigger public.sync_trigger_type, p_config jsonb)
returns void
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text := private.trigger_config_error(p_trigger, p_config);
begin
    if v_error is not null then
        raise exception using
            errcode = 'PB400',
            message = v_error,
            hint = 'A trigger config is {"entity": "<host table>", "filter": {"<column>": value or [values]}}'
                || ', plus "schedule": "<cron>" for on_schedule.';
    end if;
end
$$;

revoke all on function private.assert_trigger_config(public.sync_trigger_type, jsonb) from public;

-- supabase/schemas/core/functions/private.auto_enable_integrations.sql

-- auto_enable_integrations(): projects switch integrations on and off by country.
-- INSERT: providers with auto_enable_for_country covering the project's country get a
-- project integration (Pending until connected) whose features are all enabled on their
-- default triggers. UPDATE of country_code: auto-enabled integrations the new country is
-- not covered by are disabled; those it is covered by are (re-)enabled.
-- Integrations a person enabled or disabled (enabled_by = 'manual') are never touched.
--
-- Features are enabled by default: a project_integration_features row exists only where a
-- project overrides a feature (enabled flag, trigger, config) or the engine keeps its
-- state (schedule times). v_project_integration_features gives the effective state of
-- every feature (override, else the catalogue's default). So creating a project costs
-- one row per covered provider, not one per feature, and overrides survive GB -> US -> GB
-- untouched. INSERT is statement-level with a transition table (a bulk insert is one
-- set-based insert); UPDATE is a row trigger whose WHEN clause skips every update that
-- leaves the country alone, so other edits of a project cost nothing here.
create function private.auto_enable_integrations()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' then
        -- new projects cannot have integrations yet: a plain insert, no conflict handling
        insert into public.project_integrations (project_id, provider_id, enabled_by)
        select n.id, p.id, 'auto'
        from new_rows as n
        inner join public.integration_provider_countries as pc on n.country_code = pc.country_code
        inner join public.integration_providers as p
            on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active;
        return null;
    end if;

    -- UPDATE: a row trigger that fires only when country_code changed (new may be null)
    update public.project_integrations as pi
    set is_enabled = false
    where pi.project_id = new.id
        and pi.enabled_by = 'auto'
        and pi.is_enabled
        and not exists (
            select
            from public.integration_provider_countries as pc
            inner join public.integration_providers as p on pc.provider_id = p.id
            where pc.provider_id = pi.provider_id
                and pc.country_code = new.country_code
                and p.auto_enable_for_country
                and p.is_active
        );

    insert into public.project_integrations as pi (project_id, provider_id, enabled_by)
    select new.id, p.id, 'auto'
    from public.integration_provider_countries as pc
    inner join public.integration_providers as p
        on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active
    where pc.country_code = new.country_code
    on conflict (project_id, provider_id) do update
    set is_enabled = true
    where pi.enabled_by = 'auto' and not pi.is_enabled;

    return null;
end
$$;

comment on function private.auto_enable_integrations() is
'Trigger on projects: switches country-covered integrations on and off (original design).';

revoke all on function private.auto_enable_integrations() from public;

-- supabase/schemas/core/functions/private.begin_oauth.sql

-- As before, and the state is bound to p_browser_hash too.
create function private.begin_oauth(
    p_project_id uuid,
    p_provider_key text,
    p_state_hash text,
    p_browser_hash text,
    p_code_verifier text,
    p_lifetime interval
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    v_user_id uuid := private.caller_uid();
    v_integration_id uuid;
    v_enabled boolean;
    v_auth_method public.integration_auth_method;
begin
    if v_user_id is null then
        raise exception using errcode = 'PB401', message = 'sign in first';
    end if;
    if not private.has_permission(p_project_id, 'integration:manage') then
        raise exception using errcode = 'PB403',
            message = 'you need the integration:manage permission in this project';
    end if;
    select pi.id, pi.is_enabled, p.auth_method into v_integration_id, v_enabled, v_auth_method
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key = p_provider_key;
    if v_integration_id is null then
        raise exception using errcode = 'PB404',
            message = format('this project has no %s integration; enable it first', p_provider_key);
    end if;
    if v_auth_method <> 'oauth2' then
        raise exception using errcode = 'PB400',
            message = format('%s does not connect with OAuth 2.0', p_provider_key);
    end if;
    if not v_enabled then
        raise exception using errcode = 'PB409',
            message = format('the %s integration is switched off in this project; enable it first', p_provider_key);
    end if;
    delete from private.oauth_states as s where s.expires_at < now() - interval '1 day';
    insert into private.oauth_states (
        state_hash, browser_hash, project_integration_id, user_id, code_verifier, expires_at
    )
    values (p_state_hash, p_browser_hash, v_integration_id, v_user_id, p_code_verifier, now() + p_lifetime);
    return v_integration_id;
end
$$;

revoke all on function private.begin_oauth(uuid, text, text, text, text, interval)
from public, anon, authenticated;

grant execute on function private.begin_oauth(uuid, text, text, text, text, interval) to service_role;

-- supabase/schemas/core/functions/private.cache_reference_items.sql

-- private.cache_reference_items: the one writer of a provider's cached lists (a company's
-- officers, PSCs or filings; a project's VAT obligations), as integration_reference_data
-- rows of one kind under one parent. The list given is the provider's whole answer:
-- listed items are inserted or updated (reactivated if they had gone), items of that kind
-- and parent no longer listed are deactivated (kept, with deactivated_at, for history).
--   p_items: [{"external_id": text, "name": text, "code": text|null, "data": {}}]
--   returns: {"created": n, "updated": n, "unchanged": n, "deactivated": n}
-- Called by the workers (service_role); a null p_project_integration_id means global data.
create function private.cache_reference_items(
    p_provider_key text,
    p_project_integration_id uuid,
    p_kind text,
    p_parent_external_id text,
    p_items jsonb
)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
    v_provider_id uuid := (select p.id from public.integration_providers as p where p.key = p_provider_key);
    v_counts jsonb;
    v_deactivated integer;
begin
    if v_provider_id is null then
        raise exception using errcode = 'PB404', message = format('unknown provider "%s"', p_provider_key);
    end if;
    with listed as (
        select
            i.value ->> 'external_id' as external_id,
            i.value ->> 'name' as name,
            i.value ->> 'code' as code,
            coalesce(i.value -> 'data', '{}') as data
        from pg_catalog.jsonb_array_elements(p_items) as i (value)
    ),

    previous as (
        select r.external_id, r.name, r.code, r.data, r.is_active
        from public.integration_reference_data as r
        where r.provider_id = v_provider_id
            and r.project_integration_id is not distinct from p_project_integration_id
            and r.kind = p_kind
            and r.external_id in (select l.external_id from listed as l)
    ),

    written as (
        insert into public.integration_reference_data as r (
            provider_id, project_integration_id, kind, external_id, code, name,
            parent_external_id, data, is_active, fetched_at, deactivated_at
        )
        select
            v_provider_id, p_project_integration_id, p_kind, l.external_id, l.code, l.name,
            p_parent_external_id, l.data, true, now(), null
        from listed as l
        on conflict (project_integration_id, provider_id, kind, external_id) do update
        set
            code = excluded.code,
            name = excluded.name,
            parent_external_id = excluded.parent_external_id,
            data = excluded.data,
            is_active = true,
            fetched_at = excluded.fetched_at,
            deactivated_at = null
        returning r.external_id
    )

    select pg_catalog.jsonb_build_object(
        'created', pg_catalog.count(*) filter (where p.external_id is null),
        'updated', pg_catalog.count(*) filter (
            where p.external_id is not null
            and (p.name, p.code, p.data, p.is_active) is distinct from (l.name, l.code, l.data, true)
        ),
        'unchanged', pg_catalog.count(*) filter (
            where (p.name, p.code, p.data, p.is_active) is not distinct from (l.name, l.code, l.data, true)
        )
    )
    into v_counts
    from written as w
    inner join listed as l on w.external_id = l.external_id
    left join previous as p on w.external_id = p.external_id;

    update public.integration_reference_data as r
    set is_active = false, deactivated_at = now()
    where r.provider_id = v_provider_id
        and r.project_integration_id is not distinct from p_project_integration_id
        and r.kind = p_kind
        and r.parent_external_id is not distinct from p_parent_external_id
        and r.is_active
        and not r.external_id in (
            select i.value ->> 'external_id' from pg_catalog.jsonb_array_elements(p_items) as i (value)
        );
    get diagnostics v_deactivated = row_count;
    return v_counts || pg_catalog.jsonb_build_object('deactivated', v_deactivated);
end
$$;

comment on function private.cache_reference_items(text, uuid, text, text, jsonb) is
'Replaces the cached list of one kind under one parent with the provider''s answer: '
'{created, updated, unchanged, deactivated}. Workers only.';

revoke all on function private.cache_reference_items(text, uuid, text, text, jsonb) from public;

grant execute on function private.cache_reference_items(text, uuid, text, text, jsonb) to service_role;

-- supabase/schemas/core/functions/private.caller_can_read_project.sql

-- Whether the caller may read a project (the select policies' rule): a member, as
-- private.caller_uid() names them, or a role that bypasses row level security.
create or replace function private.caller_can_read_project(p_project_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_role text := pg_catalog.current_setting('role');
begin
    if v_role = 'authenticated' then
        return exists (
            select
            from public.project_members as m
            where m.project_id = p_project_id and m.user_id = (select private.caller_uid())
        );
    end if;
    return exists (
        select
        from pg_catalog.pg_roles as r
        where r.rolname = case v_role when 'none' then session_user else v_role end
            and (r.rolsuper or r.rolbypassrls)
    );
end
$$;

revoke all on function private.caller_can_read_project(uuid) from public;

grant execute on function private.caller_can_read_project(uuid) to authenticated, service_role;

-- supabase/schemas/core/functions/private.caller_claims.sql

-- Who is calling, read so that a missing, empty or malformed JWT claim never means
-- "allowed". auth.uid() / auth.role() are null when a claim is missing (and raise on
-- malformed JSON), and `(select auth.role()) = 'service_role' or …` is null for a caller
-- without a role claim: `if not null` does not raise, so private.rpc_integration and
-- private.rpc_may let such a caller through (issue #18). Every permission decision now
-- reads these three instead; each answers a plain true/false or a uuid/null, never an error.
-- The request's JWT claims as a JSON object; {} when missing, empty, not JSON or not an object.
create function private.caller_claims()
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_raw text := pg_catalog.current_setting('request.jwt.claims', true);
    v_claims jsonb;
begin
    if v_raw is null or v_raw = '' then
        return '{}'::jsonb;
    end if;
    begin
        v_claims := v_raw::jsonb;
    exception when invalid_text_representation then
        return '{}'::jsonb;
    end;
    if pg_catalog.jsonb_typeof(v_claims) <> 'object' then
        return '{}'::jsonb;
    end if;
    return v_claims;
end
$$;

revoke all on function private.caller_claims() from public;

grant execute on function private.caller_claims() to authenticated, service_role;

-- supabase/schemas/core/functions/private.caller_is_service_role.sql

-- A trusted server app: the claims say role service_role AND the request runs as the
-- service_role database role (the SET ROLE of the request, which security definer does
-- not change; a login as service_role without SET ROLE counts too). Claims alone, under
-- another role, are not enough.
create function private.caller_is_service_role()
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_role text := pg_catalog.current_setting('role');
begin
    return coalesce(private.caller_claims() ->> 'role' = 'service_role', false)
        and case v_role when 'none' then session_user else v_role end = 'service_role';
end
$$;

revoke all on function private.caller_is_service_role() from public;

grant execute on function private.caller_is_service_role() to authenticated, service_role;

-- supabase/schemas/core/functions/private.caller_uid.sql

-- The signed-in person: the claims' sub when it is a uuid, else null.
create function private.caller_uid()
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
    v_sub text := private.caller_claims() ->> 'sub';
begin
    if v_sub ~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return v_sub::uuid;
    end if;
    return null;
end
$$;

revoke all on function private.caller_uid() from public;

grant execute on function private.caller_uid() to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_error.sql

/** --- Results --- */

-- One entry of "errors". p_field names the param, column or line (e.g. lines[2].account_code).
create function private.client_action_error(p_code text, p_field text, p_message text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select pg_catalog.jsonb_build_object('code', p_code, 'field', p_field, 'message', p_message)
    );
end
$$;

revoke all on function private.client_action_error(text, text, text) from public;

grant execute on function private.client_action_error(text, text, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_integer.sql

-- params.<key> as an integer within [p_min, p_max], p_default when absent; else PB422.
create function private.client_action_integer(
    p_params jsonb, p_key text, p_min integer, p_max integer, p_default integer
)
returns integer
language plpgsql immutable
set search_path = ''
as $$
declare
    v_value jsonb := p_params -> p_key;
begin
    if v_value is null or pg_catalog.jsonb_typeof(v_value) = 'null' then
        return p_default;
    end if;
    if pg_catalog.jsonb_typeof(v_value) <> 'number'
        or v_value::text !~ '^-?[0-9]{1,9}$'
        or (v_value::text)::integer not between p_min and p_max then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a whole number from %s to %s, not %s',
                p_key, p_min, p_max, pg_catalog.left(v_value::text, 60));
    end if;
    return (v_value::text)::integer;
end
$$;

revoke all on function private.client_action_integer(jsonb, text, integer, integer, integer) from public;

grant execute on function private.client_action_integer(jsonb, text, integer, integer, integer)
to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_length_errors.sql

-- "too_long" errors for each field whose value is longer than its limit.
-- p_values: {"field": "value", ...}; p_limits: {"field": max characters, ...}.
create function private.client_action_length_errors(p_values jsonb, p_limits jsonb, p_system text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select coalesce(pg_catalog.jsonb_agg(
            private.client_action_error('too_long', l.key, format(
                '%s is %s characters; %s allows at most %s',
                pg_catalog.upper(pg_catalog.left(l.key, 1)) || pg_catalog.replace(pg_catalog.substr(l.key, 2), '_', ' '),
                pg_catalog.length(p_values ->> l.key), p_system, l.value
            )) order by l.key
        ), '[]')
        from pg_catalog.jsonb_each_text(p_limits) as l
        where pg_catalog.length(p_values ->> l.key) > l.value::integer
    );
end
$$;

revoke all on function private.client_action_length_errors(jsonb, jsonb, text) from public;

grant execute on function private.client_action_length_errors(jsonb, jsonb, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_params.sql

create or replace function private.client_action_params(p_params jsonb, p_allowed text[], p_required text[])
returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_expected text := 'params are a JSON object with the keys: '
        || pg_catalog.array_to_string(p_allowed, ', ')
        || ' (required: ' || coalesce(pg_catalog.array_to_string(p_required, ', '), '') || ')';
begin
    if p_params is null or pg_catalog.jsonb_typeof(p_params) <> 'object' then
        raise exception using errcode = 'PB422',
            message = format('params must be a JSON object, not %s',
                coalesce(pg_catalog.jsonb_typeof(p_params), 'null')),
            hint = v_expected;
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(p_params) loop
        if not v_key = any (p_allowed) then
            raise exception using errcode = 'PB422',
                message = format('params.%s: unknown key', private.input_excerpt(v_key)), hint = v_expected;
        end if;
    end loop;
    foreach v_key in array p_required loop
        if pg_catalog.jsonb_typeof(p_params -> v_key) is null
            or pg_catalog.jsonb_typeof(p_params -> v_key) = 'null' then
            raise exception using errcode = 'PB422',
                message = format('params.%s: required', v_key), hint = v_expected;
        end if;
    end loop;
    return p_params;
end
$$;

revoke all on function private.client_action_params(jsonb, text[], text[]) from public;

grant execute on function private.client_action_params(jsonb, text[], text[]) to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_result.sql

create function private.client_action_result(p_errors jsonb, p_data jsonb)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select pg_catalog.jsonb_build_object(
            'valid', pg_catalog.jsonb_array_length(coalesce(p_errors, '[]')) = 0,
            'errors', coalesce(p_errors, '[]'),
            'data', coalesce(p_data, '{}')
        )
    );
end
$$;

revoke all on function private.client_action_result(jsonb, jsonb) from public;

grant execute on function private.client_action_result(jsonb, jsonb) to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_text.sql

-- params.<key> as text: a JSON string, or null when absent or null; else PB422.
create function private.client_action_text(p_params jsonb, p_key text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
    if coalesce(pg_catalog.jsonb_typeof(p_params -> p_key), 'null') not in ('string', 'null') then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a string, not %s', p_key,
                pg_catalog.jsonb_typeof(p_params -> p_key));
    end if;
    return p_params ->> p_key;
end
$$;

revoke all on function private.client_action_text(jsonb, text) from public;

grant execute on function private.client_action_text(jsonb, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.client_action_uuid.sql

-- params.<key> as a uuid (a JSON string in uuid form), or null when absent; else PB422.
create function private.client_action_uuid(p_params jsonb, p_key text)
returns uuid
language plpgsql immutable
set search_path = ''
as $$
declare
    v_text text := private.client_action_text(p_params, p_key);
begin
    if v_text is not null
        and v_text !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        raise exception using errcode = 'PB422',
            message = format('params.%s: must be a uuid, not "%s"', p_key, pg_catalog.left(v_text, 60));
    end if;
    return v_text::uuid;
end
$$;

revoke all on function private.client_action_uuid(jsonb, text) from public;

grant execute on function private.client_action_uuid(jsonb, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.credential_secret.sql

-- The decrypted secret of a credential (a JSON object), or null when there is none.
create function private.credential_secret(p_credential_id uuid)
returns jsonb
language sql stable
set search_path = ''
as $$
    select d.decrypted_secret::jsonb
    from public.integration_credentials as c
    inner join vault.decrypted_secrets as d on c.vault_secret_id = d.id
    where c.id = p_credential_id
$$;

revoke all on function private.credential_secret(uuid) from public, anon, authenticated;

grant execute on function private.credential_secret(uuid) to service_role;

-- supabase/schemas/core/functions/private.cron_field_is_valid.sql

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

-- supabase/schemas/core/functions/private.cron_is_valid.sql

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

-- supabase/schemas/core/functions/private.cron_runs_closer_than.sql

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

-- supabase/schemas/core/functions/private.defer_queue_jobs.sql

-- Planning ticks hand large sets of due features to workers in batches.
--
-- A tick used to write every due feature's run itself (move its schedule on, one pending
-- log, one job) in one transaction: 100,000 due features took the tick 28 s, holding the
-- row locks of all of them and pg_cron's connection, and the first run could start only
-- when the last was written. Now:
-- - private.plan_schedule_batch(ids, now) plans given features: the old tick's work,
--   limited to those ids and re-checking that each is still due (so running it twice, or
--   beside another tick, plans a feature once), with each schedule's next run computed
--   once per batch (the old tick computed it once per due feature, see below);
-- - private.plan_schedules(now), the tick, finds the due features through the index; up
--   to one batch (1,000) it plans them itself, as before; beyond that it queues one
--   plugboard.plan_schedule_batch job per 1,000 (queue `plugboard`), which workers run
--   in parallel, each batch in its own transaction. While such batches of an earlier tick
--   still wait or run, a tick plans nothing (they are planning the same features); what
--   became due meanwhile is planned by the next tick.
-- - private.defer_queue_jobs is now the one door to procrastinate_defer_jobs_v1;
--   private.defer_sync_jobs builds sync jobs and goes through it.
create function private.defer_queue_jobs(
    p_queue text, p_task text, p_locks text[], p_queueing_locks text[], p_args jsonb[]
)
returns bigint[]
language plpgsql
set search_path = ''
as $$
declare
    v_constraint text;
begin
    -- procrastinate's functions and triggers name their tables without a schema; this
    -- local setting is undone at this function's exit (it has a SET clause)
    perform pg_catalog.set_config('search_path', 'procrastinate, pg_temp', true);
    begin
        return procrastinate.procrastinate_defer_jobs_v1(array(
            select row(
                p_queue, p_task, 0, j.lock, j.queueing_lock, j.args, null
            )::procrastinate.procrastinate_job_to_defer_v1
            from unnest(p_locks, p_queueing_locks, p_args) as j (lock, queueing_lock, args)
        ));
    exception
        when unique_violation then
            get stacked diagnostics v_constraint = constraint_name;
            if v_constraint is distinct from 'procrastinate_jobs_queueing_lock_idx_v1' then
                raise;
            end if;
            return null;
    end;
end
$$;

comment on function private.defer_queue_jobs(text, text, text[], text[], jsonb[]) is
'Defers jobs of one task (one per lock, queueing lock and args) in the caller''s '
'transaction, all or none; null when a queueing lock already has a waiting job. The only '
'caller of procrastinate_defer_jobs_v1.';

revoke all on function private.defer_queue_jobs(text, text, text[], text[], jsonb[]) from public;

-- supabase/schemas/core/functions/private.defer_sync_jobs.sql

-- Defers one job per (log id, lock), all or none; null when one of them already has a
-- waiting job of the same trigger (the queueing lock's unique_violation is caught in a
-- sub-block, so the caller's transaction carries on and finds that run instead).
-- private.defer_sync_jobs pins search_path to '' like every function here and names
-- procrastinate's objects with their schema; it switches search_path to the queue's
-- schema for its own duration only (set_config local inside a function with a SET
-- clause is undone at its exit), because procrastinate's functions and triggers name
-- their tables without a schema and resolve them through the caller's search_path.
create or replace function private.defer_sync_jobs(
    p_log_ids uuid[], p_locks text[], p_trigger public.sync_trigger_type
)
returns bigint[]
language sql
set search_path = ''
as $$
    select private.defer_queue_jobs(
        'sync',
        'plugboard.sync_run',
        p_locks,
        array(select private.sync_run_queueing_lock(l.lock, p_trigger) from unnest(p_locks) as l (lock)),
        array(select pg_catalog.jsonb_build_object('log_id', l.id) from unnest(p_log_ids) as l (id))
    )
$$;

revoke all on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) from public;

comment on function private.defer_sync_jobs(uuid[], text[], public.sync_trigger_type) is
'Defers plugboard.sync_run jobs (one per log id and lock) in the caller''s transaction; '
'null when one already has a waiting job of the same trigger.';

-- supabase/schemas/core/functions/private.delete_credential.sql

-- Deletes a credential; the Vault secret goes with it (trigger below). True when it existed.
create function private.delete_credential(p_credential_id uuid)
returns boolean
language sql
set search_path = ''
as $$
    with gone as (
        delete from public.integration_credentials as c where c.id = p_credential_id returning 1
    )

    select exists (select from gone)
$$;

revoke all on function private.delete_credential(uuid) from public, anon, authenticated;

grant execute on function private.delete_credential(uuid) to service_role;

-- supabase/schemas/core/functions/private.enqueue_realtime.sql

-- realtime: a provider event — a webhook arriving through functions/, or a CDC poll —
-- says which of its entities changed; every realtime feature of the integration for that
-- entity type gets a run per entity (null entity ids: one run of the whole feature).
-- Runs already waiting for the same entity are not queued again. Returns the log ids.
-- Callers: service_role (functions/) and the workers; the provider issues decide what
-- an event's entity ids and entity type are.
create function private.enqueue_realtime(
    p_project_integration_id uuid, p_entity_type text, p_entity_ids text[], p_event jsonb
)
returns uuid[]
language sql volatile security definer
set search_path = ''
as $$
    select coalesce(pg_catalog.array_agg(private.enqueue_sync_run(
        f.project_integration_id, f.feature_id, 'realtime', f.server_action, f.entity_type, e.id,
        pg_catalog.jsonb_build_object(
            'feature', f.feature_key, 'entity_id', e.id, 'event', coalesce(p_event, '{}')
        ),
        null
    ) order by f.feature_key, e.ordinality), '{}')
    from private.features_triggered_by('realtime', null, array[p_project_integration_id]) as f
    cross join pg_catalog.unnest(coalesce(p_entity_ids, array[null]::text [])) with ordinality
        as e (id, ordinality)
    where f.entity_type = p_entity_type
$$;

comment on function private.enqueue_realtime(uuid, text, text[], jsonb) is
'Queues the realtime features'' runs for changed provider entities (webhooks, CDC polling); '
'returns the log ids.';

revoke all on function private.enqueue_realtime(uuid, text, text[], jsonb) from public;

grant execute on function private.enqueue_realtime(uuid, text, text[], jsonb) to service_role;

-- supabase/schemas/core/functions/private.enqueue_status_changes.sql

-- on_status_change: a host record entering the status a feature watches queues the
-- feature's run for that record, in the same transaction (a rolled-back change queues
-- nothing). "Entering": the record (inserted, or updated with its status changed) matches
-- the feature's whole filter and did not match its status filter before. Statement-level
-- triggers with transition tables: one pass per statement, nothing at all unless a status
-- changed and the records' projects have such a feature. A run already waiting for the
-- same record is not queued again (private.enqueue_sync_run).
-- p_changes: one {"new": record, "old": record or null} per record whose status changed.
create function private.enqueue_status_changes(p_entity text, p_changes jsonb[])
returns integer
language sql volatile
set search_path = ''
as $$
    with changes as (
        select c.change -> 'new' as new_record, c.change -> 'old' as old_record
        from pg_catalog.unnest(p_changes) as c (change)
    ),

    features as (
        select f.*
        from private.features_triggered_by(
            'on_status_change',
            array(select distinct (c.new_record ->> 'project_id')::uuid from changes as c),
            null
        ) as f
        where f.trigger_config ->> 'entity' = p_entity
    )

    select count(private.enqueue_sync_run(
        f.project_integration_id, f.feature_id, 'on_status_change', f.server_action,
        f.entity_type, c.new_record ->> 'id',
        pg_catalog.jsonb_build_object('feature', f.feature_key, 'entity_id', c.new_record ->> 'id'),
        null
    ))::integer
    from changes as c
    inner join features as f on (c.new_record ->> 'project_id')::uuid = f.project_id
    where private.record_matches_filter(c.new_record, f.trigger_config -> 'filter')
        and (
            c.old_record is null
            or not private.record_matches_filter(
                c.old_record,
                pg_catalog.jsonb_build_object('status', f.trigger_config -> 'filter' -> 'status')
            )
        )
$$;

revoke all on function private.enqueue_status_changes(text, jsonb[]) from public;

-- supabase/schemas/core/functions/private.entity_project_id.sql

-- The project a host record belongs to (null when there is no such record).
create function private.entity_project_id(p_entity text, p_id uuid)
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return (
        select case p_entity
            when 'projects' then (select p.id from public.projects as p where p.id = p_id)
            when 'project_relationships' then (select r.project_id from public.project_relationships as r where r.id = p_id)
            when 'transactions' then (select t.project_id from public.transactions as t where t.id = p_id)
            when 'transaction_lines' then (
                select t.project_id
                from public.transaction_lines as l
                inner join public.transactions as t on l.transaction_id = t.id
                where l.id = p_id
            )
        end
    );
end
$$;

revoke all on function private.entity_project_id(text, uuid) from public;

-- supabase/schemas/core/functions/private.filter_mismatches.sql

/** --- Feature filters (the trigger config's entity + filter pattern) --- */

-- The filter keys (sorted) whose value the row does not have; a filter array means any-of.
-- Keys in p_ignore are skipped (e.g. status, which "Send To" reports on its own).
create function private.filter_mismatches(p_filter jsonb, p_row jsonb, p_ignore text[])
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select coalesce(pg_catalog.array_agg(f.key order by f.key), '{}')
        from pg_catalog.jsonb_each(coalesce(p_filter, '{}')) as f
        where not f.key = any (coalesce(p_ignore, '{}'))
            and not case pg_catalog.jsonb_typeof(f.value)
                when 'array' then coalesce(f.value @> pg_catalog.jsonb_build_array(p_row -> f.key), false)
                else coalesce(p_row -> f.key = f.value, false)
            end
    );
end
$$;

revoke all on function private.filter_mismatches(jsonb, jsonb, text[]) from public;

grant execute on function private.filter_mismatches(jsonb, jsonb, text[]) to authenticated, service_role;

-- supabase/schemas/core/functions/private.filter_value_text.sql

-- A filter value as people read it: "Business", or "Invoice, Payroll Invoice or Reimbursement".
create function private.filter_value_text(p_value jsonb)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case pg_catalog.jsonb_typeof(p_value)
            when 'array' then (
                select pg_catalog.regexp_replace(
                    pg_catalog.string_agg(e.value, ', ' order by e.ordinality), ', ([^,]*)$', ' or \1'
                )
                from pg_catalog.jsonb_array_elements_text(p_value) with ordinality as e (value, ordinality)
            )
            else p_value #>> '{}'
        end
    );
end
$$;

revoke all on function private.filter_value_text(jsonb) from public;

grant execute on function private.filter_value_text(jsonb) to authenticated, service_role;

-- supabase/schemas/core/functions/private.has_permission.sql

-- Who may do what: membership and permission checks for RLS policies and RPCs. Security
-- definer so policies can read membership without granting the tables themselves.
-- The caller is private.caller_uid().
create or replace function private.has_permission(p_project_id uuid, p_permission text)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return exists (
        select
        from public.project_members as m
        inner join public.role_permissions as rp on m.role_id = rp.role_id
        where m.project_id = p_project_id
            and m.user_id = (select private.caller_uid())
            and rp.permission_key = p_permission
    );
end
$$;

comment on function private.has_permission(uuid, text) is
'True when the signed-in user is a member of the project with a role granting the permission.';

revoke all on function private.has_permission(uuid, text) from public;

grant execute on function private.has_permission(uuid, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.host_record_in_project.sql

-- true when p_id (text) is the id of a row of host table p_table in project p_project_id;
-- false for any other id, a missing one or one that is not a uuid alike.
create function private.host_record_in_project(p_table text, p_id text, p_project_id uuid)
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_id uuid;
begin
    if p_id !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return false;
    end if;
    v_id := p_id::uuid;
    return case p_table
        when 'project_relationships' then exists (
            select from public.project_relationships as r where r.id = v_id and r.project_id = p_project_id
        )
        when 'transactions' then exists (
            select from public.transactions as t where t.id = v_id and t.project_id = p_project_id
        )
        else false
    end;
end
$$;

revoke all on function private.host_record_in_project(text, text, uuid) from public;

-- supabase/schemas/core/functions/private.host_record_matches.sql

-- on_link: a person linking an internal record to an external id by hand (an entity
-- mapping inserted with created_via 'link') queues the fetch-and-verify run of every
-- on_link feature of that integration for the mapping's entity type, when the linked
-- host record matches the feature's filter. In the same transaction as the link.
-- The host record p_entity (a table private.trigger_entities names) with id p_id matches
-- p_filter; false when there is no such record.
create function private.host_record_matches(p_entity text, p_id text, p_filter jsonb)
returns boolean
language plpgsql stable
set search_path = ''
as $$
declare
    v_record jsonb;
begin
    if not p_entity = any (private.trigger_entities()) then
        return false;
    end if;
    begin
        execute format('select pg_catalog.to_jsonb(t) from public.%I as t where t.id = $1', p_entity)
        into v_record using p_id::uuid;
    exception
        when invalid_text_representation then
            return false;  -- not a uuid: no host record has it
    end;
    return v_record is not null and private.record_matches_filter(v_record, p_filter);
end
$$;

revoke all on function private.host_record_matches(text, text, jsonb) from public;

-- supabase/schemas/core/functions/private.input_excerpt.sql

-- A caller's input as an error message may quote it: at most 40 characters, then '…'.
-- Messages named the whole value before, so a 1 MB filter came back whole (issue #18).
create function private.input_excerpt(p_value text)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select case when pg_catalog.length(p_value) > 40 then pg_catalog.left(p_value, 40) || '…' else p_value end
$$;

revoke all on function private.input_excerpt(text) from public;

grant execute on function private.input_excerpt(text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.insert_pending_sync_logs.sql

-- private.insert_pending_sync_logs writes pending logs for enqueue_sync_run and, many at
-- once, for the schedule planner.
create function private.insert_pending_sync_logs(
    p_log_ids uuid[],
    p_project_integration_ids uuid[],
    p_feature_ids uuid[],
    p_trigger public.sync_trigger_type,
    p_actions text[],
    p_entity_types text[],
    p_entity_ids text[],
    p_params jsonb[],
    p_requested_by uuid
)
returns integer
language sql volatile
set search_path = ''
as $$
    with inserted as (
        insert into public.integration_sync_logs (
            id, project_id, project_integration_id, provider_id, feature_id, trigger_type,
            direction, status, action, entity_type, entity_id, details, requested_by
        )
        select
            r.log_id,
            pi.project_id,
            pi.id,
            pi.provider_id,
            f.id,
            p_trigger,
            -- an action no feature names (testConnection, company info) only reads
            coalesce(f.sync_direction, 'inbound'),
            'pending',
            r.action,
            r.entity_type,
            r.entity_id,
            pg_catalog.jsonb_build_object('params', coalesce(r.params, '{}')),
            p_requested_by
        from unnest(  -- the multi-array form is unqualified
            p_log_ids, p_project_integration_ids, p_feature_ids, p_actions, p_entity_types,
            p_entity_ids, p_params
        ) as r (log_id, project_integration_id, feature_id, action, entity_type, entity_id, params)
        inner join public.project_integrations as pi on r.project_integration_id = pi.id
        left join public.integration_features as f
            on r.feature_id = f.id and pi.provider_id = f.provider_id
        where r.feature_id is null or f.id is not null
        returning 1
    )

    select count(*)::integer from inserted
$$;

revoke all on function private.insert_pending_sync_logs(
    uuid[], uuid[], uuid[], public.sync_trigger_type, text[], text[], text[], jsonb[], uuid
) from public;

-- supabase/schemas/core/functions/private.integration_state_errors.sql

/** --- The project's integration, as a client action sees it --- */

-- Errors that stop anything being sent through a provider: the project has no such
-- integration, it is disabled, or it is not connected.
create function private.integration_state_errors(
    p_integration public.project_integrations, p_provider_name text
)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case
            when p_integration.id is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_missing', 'project_id',
                format('This project has no %s integration', p_provider_name)))
            when not p_integration.is_enabled then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_disabled', 'project_id',
                format('%s is switched off for this project', p_provider_name)))
            when p_integration.status <> 'Connected' then pg_catalog.jsonb_build_array(private.client_action_error(
                'integration_not_connected', 'project_id',
                format('%s is not connected (status %s); connect it first', p_provider_name, p_integration.status)))
            else '[]'::jsonb
        end
    );
end
$$;

revoke all on function private.integration_state_errors(public.project_integrations, text) from public;

grant execute on function private.integration_state_errors(public.project_integrations, text)
to authenticated, service_role;

-- supabase/schemas/core/functions/private.interval_words.sql

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

revoke all on function private.interval_words(interval) from public;

-- supabase/schemas/core/functions/private.job_queue_installed.sql

-- Whether the job queue's schema (migrations 20261204490000…) is in this database: its
-- job type and the function that defers jobs. A catalogue look-up, no error when the
-- schema is missing (to_regprocedure raises on a missing argument type, so the type is
-- looked up first, in a case that keeps the order).
create function private.job_queue_installed()
returns boolean
language sql stable
set search_path = ''
as $$
    select case
        when pg_catalog.to_regtype('procrastinate.procrastinate_job_to_defer_v1') is null then false
        else pg_catalog.to_regprocedure(
            'procrastinate.procrastinate_defer_jobs_v1(procrastinate.procrastinate_job_to_defer_v1[])'
        ) is not null
    end
$$;

revoke all on function private.job_queue_installed() from public;

comment on function private.job_queue_installed() is
'True when procrastinate''s schema and its procrastinate_defer_jobs_v1 are installed.';

-- supabase/schemas/core/functions/private.link_mapping.sql

-- Links p_internal_id (a host record's id, or a reference code) to the provider's
-- p_external_id (replacing another link of it, which runs the on_link features again);
-- linking the same pair again changes nothing. Whether the record is one of the
-- integration's project is the mappings' own check (private.tg_integration_entity_mappings__same_project).
-- Returns {"mapping_id", "log_ids": the pending on_link runs}.
create function private.link_mapping(
    p_integration public.project_integrations, p_entity_type text, p_internal_id text, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_external_id text := pg_catalog.btrim(p_external_id);
    v_mapping public.integration_entity_mappings;
begin
    if coalesce(pg_catalog.length(v_external_id), 0) not between 1 and 200 then
        raise exception using errcode = 'PB422',
            message = 'external_id: give the provider''s id of the record (1 to 200 characters)';
    end if;
    if exists (
        select from public.integration_entity_mappings as m
        where m.project_integration_id = p_integration.id and m.entity_type = p_entity_type
            and m.external_id = v_external_id and m.internal_id <> p_internal_id
    ) then
        raise exception using errcode = 'PB409',
            message = format('%s %s is already linked to another record of this integration',
                p_entity_type, pg_catalog.left(v_external_id, 40)),
            hint = 'Unlink that record first.';
    end if;

    select m.* into v_mapping
    from public.integration_entity_mappings as m
    where m.project_integration_id = p_integration.id and m.entity_type = p_entity_type
        and m.internal_id = p_internal_id;
    if v_mapping.external_id = v_external_id then
        return pg_catalog.jsonb_build_object('mapping_id', v_mapping.id, 'log_ids', '[]'::jsonb);
    end if;
    delete from public.integration_entity_mappings as m where m.id = v_mapping.id;
    insert into public.integration_entity_mappings (
        project_integration_id, entity_type, internal_id, external_id, created_via, created_by
    )
    values (p_integration.id, p_entity_type, p_internal_id, v_external_id, 'link', private.caller_uid())
    returning * into v_mapping;
    return pg_catalog.jsonb_build_object(
        'mapping_id', v_mapping.id,
        'log_ids', coalesce((
            select pg_catalog.jsonb_agg(l.id order by l.created_at, l.action)
            from public.integration_sync_logs as l
            where l.project_integration_id = p_integration.id and l.trigger_type = 'on_link'
                and l.entity_id = p_internal_id and l.status = 'pending'
        ), '[]')
    );
end
$$;

revoke all on function private.link_mapping(public.project_integrations, text, text, text) from public;

-- supabase/schemas/core/functions/private.log_connection_event.sql

-- A finished sync log for a connection event; returns its id. p_status success or failed
-- (failed needs p_error_message). p_details carries non-secret facts only.
create function private.log_connection_event(
    p_project_integration_id uuid,
    p_action text,
    p_status public.sync_status,
    p_error_code text default null,
    p_error_message text default null,
    p_details jsonb default '{}',
    p_requested_by uuid default null
)
returns uuid
language sql
set search_path = ''
as $$
    insert into public.integration_sync_logs (
        project_id, project_integration_id, provider_id, trigger_type, direction, status, action,
        error_code, error_message, details, requested_by, started_at, finished_at
    )
    select
        pi.project_id, pi.id, pi.provider_id, 'on_manual', 'inbound', p_status, p_action,
        p_error_code, p_error_message, coalesce(p_details, '{}'), p_requested_by, now(), now()
    from public.project_integrations as pi
    where pi.id = p_project_integration_id
    returning id
$$;

revoke all on function private.log_connection_event(
    uuid, text, public.sync_status, text, text, jsonb, uuid
) from public, anon, authenticated;

grant execute on function private.log_connection_event(
    uuid, text, public.sync_status, text, text, jsonb, uuid
) to service_role;

-- supabase/schemas/core/functions/private.logs_filter_values.sql

-- A filter value as a text array: a JSON string, or an array of strings; else PB422.
create function private.logs_filter_values(p_filters jsonb, p_key text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
    v_value jsonb := p_filters -> p_key;
begin
    if v_value is null then
        return null;
    end if;
    if pg_catalog.jsonb_typeof(v_value) = 'string' then
        return array[v_value ->> 0];
    end if;
    if pg_catalog.jsonb_typeof(v_value) = 'array'
        and not pg_catalog.jsonb_path_exists(v_value, '$[*] ? (@.type() != "string")') then
        return array(select pg_catalog.jsonb_array_elements_text(v_value));
    end if;
    raise exception using errcode = 'PB422',
        message = format('filters.%s: a string or an array of strings', p_key);
end
$$;

revoke all on function private.logs_filter_values(jsonb, text) from public;

grant execute on function private.logs_filter_values(jsonb, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.logs_filters_check.sql

-- integration_sync_logs_page checks every filter value here before its query runs:
-- feature_id a uuid, from / to timestamps, status and trigger_type values of their enums,
-- else PB422 'filters.<name>: "<value>" is not …', quoting the caller's input at most 40
-- characters long (private.input_excerpt), never a raw PostgreSQL error echoing the whole
-- value (a 1 MB feature_id filter came back whole as 22P02, issue #18).
-- PB422 unless every filter value is of its kind. Filter names are checked by the caller.
create or replace function private.logs_filters_check(p_filters jsonb)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_bad text;
begin
    if p_filters ? 'feature_id'
        and coalesce(p_filters ->> 'feature_id', '')
        !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        raise exception using errcode = 'PB422', message = format('filters.feature_id: "%s" is not a uuid',
            private.input_excerpt(p_filters ->> 'feature_id'));
    end if;
    foreach v_key in array array['from', 'to'] loop
        continue when not p_filters ? v_key;
        if pg_catalog.jsonb_typeof(p_filters -> v_key) <> 'string' then
            raise exception using errcode = 'PB422', message = format('filters.%s: a string', v_key),
                hint = 'an ISO 8601 timestamp, e.g. 2026-11-25T10:00:00Z';
        end if;
        begin
            perform (p_filters ->> v_key)::timestamptz;
        exception when invalid_datetime_format or datetime_field_overflow then
            raise exception using errcode = 'PB422', message = format(
                'filters.%s: "%s" is not a timestamp (ISO 8601, e.g. 2026-11-25T10:00:00Z)',
                v_key, private.input_excerpt(p_filters ->> v_key));
        end;
    end loop;
    select v.value into v_bad
    from pg_catalog.unnest(private.logs_filter_values(p_filters, 'status')) as v (value)
    where v.value not in (select e::text from pg_catalog.unnest(pg_catalog.enum_range(null::public.sync_status)) as e)
    limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = format('filters.status: "%s" is not a status', private.input_excerpt(v_bad)),
            hint = 'statuses: ' || pg_catalog.array_to_string(pg_catalog.enum_range(null::public.sync_status), ', ');
    end if;
    select v.value into v_bad
    from pg_catalog.unnest(private.logs_filter_values(p_filters, 'trigger_type')) as v (value)
    where v.value not in (
        select e::text from pg_catalog.unnest(pg_catalog.enum_range(null::public.sync_trigger_type)) as e
    )
    limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = format('filters.trigger_type: "%s" is not a trigger type', private.input_excerpt(v_bad)),
            hint = 'trigger types: '
            || pg_catalog.array_to_string(pg_catalog.enum_range(null::public.sync_trigger_type), ', ');
    end if;
end
$$;

revoke all on function private.logs_filters_check(jsonb) from public;

grant execute on function private.logs_filters_check(jsonb) to authenticated, service_role;

-- supabase/schemas/core/functions/private.mapping_entity_types.sql

-- An entity mapping ties an integration to a host record by internal_id (text: a host
-- record's uuid, or a reference code). The database now checks that the record is one of
-- the integration's project, whoever writes the mapping: a mapping into another project
-- would steer the integration's workers into that project's books (issue #18).
-- private.mapping_entity_types says which entity types name a host table; the reference
-- codes (account, tax_code, class) have no host row. An unknown entity type is refused.
create function private.mapping_entity_types()
returns table (entity_type text, host_table text)
language sql immutable parallel safe
set search_path = ''
as $$
    values
    ('vendor', 'project_relationships'),
    ('customer', 'project_relationships'),
    ('company', 'project_relationships'),
    ('transaction', 'transactions'),
    ('account', null),
    ('tax_code', null),
    ('class', null)
$$;

comment on function private.mapping_entity_types() is
'The entity types of integration_entity_mappings and the host table their internal_id names '
'(null: a reference code, no host row).';

revoke all on function private.mapping_entity_types() from public;

-- supabase/schemas/core/functions/private.mapping_host_table.sql

-- The host table of a mapping entity type (null for a reference code); PB422 for a type
-- Plugboard does not map.
create function private.mapping_host_table(p_entity_type text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
    v_table text;
begin
    select t.host_table into v_table from private.mapping_entity_types() as t where t.entity_type = p_entity_type;
    if not found then
        raise exception using errcode = 'PB422',
            message = format('entity type "%s" is not one Plugboard maps', pg_catalog.left(p_entity_type, 40)),
            hint = (select 'Use one of: ' || pg_catalog.string_agg(t.entity_type, ', ')
                from private.mapping_entity_types() as t);
    end if;
    return v_table;
end
$$;

revoke all on function private.mapping_host_table(text) from public;

-- supabase/schemas/core/functions/private.member_project_ids.sql

-- The projects the signed-in user belongs to; policies use `in (select …)` so it runs once.
create or replace function private.member_project_ids()
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select m.project_id from public.project_members as m where m.user_id = (select private.caller_uid());
end
$$;

revoke all on function private.member_project_ids() from public;

grant execute on function private.member_project_ids() to authenticated, service_role;

-- supabase/schemas/core/functions/private.permitted_integration_ids.sql

-- The project integrations of the projects where the signed-in user holds a permission
-- (or of every project they belong to, when p_permission is null).
create or replace function private.permitted_integration_ids(p_permission text)
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select pi.id
    from public.project_integrations as pi
    where pi.project_id in (
        select m.project_id
        from public.project_members as m
        left join public.role_permissions as rp
            on m.role_id = rp.role_id and rp.permission_key = p_permission
        where m.user_id = (select private.caller_uid())
            and (p_permission is null or rp.permission_key is not null)
    );
end
$$;

revoke all on function private.permitted_integration_ids(text) from public;

grant execute on function private.permitted_integration_ids(text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.permitted_project_ids.sql

-- The projects where the signed-in user holds a permission.
create or replace function private.permitted_project_ids(p_permission text)
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return query
    select m.project_id
    from public.project_members as m
    inner join public.role_permissions as rp on m.role_id = rp.role_id
    where m.user_id = (select private.caller_uid()) and rp.permission_key = p_permission;
end
$$;

revoke all on function private.permitted_project_ids(text) from public;

grant execute on function private.permitted_project_ids(text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.plan_schedule_batch.sql

-- Each schedule moves on at least the provider's minimum schedule interval.
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

comment on function private.plan_schedule_batch(uuid[], timestamptz) is
'Plans the given on_schedule features that are still due at p_now: moves each schedule '
'on and queues its run; returns how many runs it queued. Safe to run twice.';

revoke all on function private.plan_schedule_batch(uuid[], timestamptz) from public;

-- supabase/schemas/core/functions/private.plan_schedules.sql

-- private.plan_schedules(now): one planning tick for every project's on_schedule features.
-- Due runs are found through the partial index on next_run_at and claimed with
-- FOR UPDATE SKIP LOCKED (overlapping ticks never take the same row); each due feature's
-- next_run_at moves to the first minute after `now` its schedule names (computed once per
-- distinct schedule), so a second tick within the minute finds nothing and a tick after
-- an outage runs a feature once, not once per missed minute. A run is queued unless the
-- same run is still waiting for a worker (then it is the run); the job's lock keeps two
-- runs of one feature from overlapping. pg_cron calls it every minute
-- (supabase/schemas/core/cron.sql); without pg_cron, `plugboard worker --plan-schedules` does. Returns
-- how many runs it queued.
create or replace function private.plan_schedules(p_now timestamptz default now())
returns integer
language plpgsql
set search_path = ''
as $$
declare
    c_batch constant integer := 1000;
    v_ids uuid [];
    v_due integer;
begin
    if exists (
        select
        from procrastinate.procrastinate_jobs as j
        where j.task_name = 'plugboard.plan_schedule_batch' and j.status in ('todo', 'doing')
    ) then
        return 0;
    end if;
    v_ids := array(
        select pif.id
        from public.project_integration_features as pif
        where pif.next_run_at <= p_now
    );
    v_due := pg_catalog.cardinality(v_ids);
    if v_due <= c_batch then
        return private.plan_schedule_batch(v_ids, p_now);
    end if;
    perform private.defer_queue_jobs(
        'plugboard',
        'plugboard.plan_schedule_batch',
        pg_catalog.array_fill(null::text, array[b.batches]),
        pg_catalog.array_fill(null::text, array[b.batches]),
        array(
            select pg_catalog.jsonb_build_object(
                'ids', pg_catalog.to_jsonb(v_ids[i * c_batch + 1:(i + 1) * c_batch]),
                'now', p_now
            )
            from generate_series(0, b.batches - 1) as i
        )
    )
    from (select (v_due + c_batch - 1) / c_batch as batches) as b;
    return v_due;
end
$$;

revoke all on function private.plan_schedules(timestamptz) from public;

comment on function private.plan_schedules(timestamptz) is
'One planning tick: plans every due on_schedule feature once (up to 1,000 itself, more '
'in plugboard.plan_schedule_batch jobs of 1,000 that workers run) and returns how many '
'were due; plans nothing while batches of an earlier tick are still queued. pg_cron runs '
'it every minute.';

-- supabase/schemas/core/functions/private.project_has_members.sql

-- Two RLS corrections the RLS matrix (tests/sql/rls/) showed:
-- 1. A user who creates a project gets it back. The owner's membership is added by an
--    AFTER trigger, but an insert that returns the row (PostgREST's return=representation,
--    supabase-js .insert().select()) is checked against the SELECT policy before that
--    trigger runs, so creating a project failed with an RLS violation. The creator now also
--    sees a project of theirs that has no members yet (that is, while creating it); once it
--    has members, membership alone decides, so a creator removed from it no longer sees it.
-- 2. Clients disable project integrations (is_enabled = false) but no longer delete them:
--    a delete took the integration's sync logs (the audit trail) and its credential row
--    with it and left the secret behind in Vault. Deleting is for service_role.
create function private.project_has_members(p_project_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
    select exists (select from public.project_members as m where m.project_id = p_project_id)
$$;

comment on function private.project_has_members(uuid) is
'True when the project has at least one member (projects_select lets a creator see a '
'project without members, i.e. the one they are creating).';

revoke all on function private.project_has_members(uuid) from public;

grant execute on function private.project_has_members(uuid) to authenticated, service_role;

-- supabase/schemas/core/functions/private.raise_not_in_project.sql

-- One message whether the record is in another project or does not exist (no oracle);
-- the input is echoed at most 40 characters.
create function private.raise_not_in_project(p_what text, p_id text)
returns void
language plpgsql
set search_path = ''
as $$
begin
    raise exception using errcode = 'PB409',
        message = format('%s %s is not a record of this integration''s project',
            p_what, pg_catalog.left(coalesce(p_id, 'null'), 40)),
        hint = 'Link and sync records of the integration''s own project only.';
end
$$;

revoke all on function private.raise_not_in_project(text, text) from public;

-- supabase/schemas/core/functions/private.rate_budget_capacity.sql

-- The capacity in force at p_now: the learned one grown by a tenth (at least one slot)
-- per whole window since it was learned, up to the defined capacity.
create function private.rate_budget_capacity(p_budget private.rate_budgets, p_now timestamptz)
returns integer
language sql stable
set search_path = ''
as $$
    select case
        when p_budget.learned_capacity is null then p_budget.capacity
        else least(
            p_budget.capacity::double precision,
            greatest(
                p_budget.learned_capacity + w.windows,
                pg_catalog.floor(p_budget.learned_capacity * pg_catalog.power(1.1, least(100, w.windows)))
            )
        )::integer
    end
    from (
        select pg_catalog.floor(
            extract(epoch from p_now - p_budget.learned_at)
            / greatest(extract(epoch from p_budget.window_length), 0.001)
        )::double precision as windows
    ) as w
$$;

revoke all on function private.rate_budget_capacity(private.rate_budgets, timestamptz) from public;

grant execute on function private.rate_budget_capacity(private.rate_budgets, timestamptz) to service_role;

-- supabase/schemas/core/functions/private.rate_budget_define.sql

-- Creates or resizes budget p_key. Existing slots keep their state (a smaller capacity
-- drops the highest slots).
create function private.rate_budget_define(p_key text, p_capacity integer, p_window interval)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
    insert into private.rate_budgets as b (key, capacity, window_length)
    values (p_key, p_capacity, p_window)
    on conflict (key) do update
    set capacity = excluded.capacity, window_length = excluded.window_length, updated_at = now();
    delete from private.rate_budget_slots as s where s.budget_key = p_key and s.slot >= p_capacity;
    insert into private.rate_budget_slots (budget_key, slot)
    select p_key, i from pg_catalog.generate_series(0, p_capacity - 1) as i
    on conflict do nothing;
end
$$;

revoke all on function private.rate_budget_define(text, integer, interval) from public;

grant execute on function private.rate_budget_define(text, integer, interval) to service_role;

-- supabase/schemas/core/functions/private.rate_budget_give_back.sql

-- Gives slots back once their requests were answered: each is free one window from now.
create function private.rate_budget_give_back(p_key text, p_slots integer[])
returns void
language sql volatile
set search_path = ''
as $$
    update private.rate_budget_slots as s
    set free_at = pg_catalog.clock_timestamp() + b.window_length
    from private.rate_budgets as b
    where b.key = p_key and s.budget_key = b.key and s.slot = any (p_slots)
$$;

revoke all on function private.rate_budget_give_back(text, integer[]) from public;

grant execute on function private.rate_budget_give_back(text, integer[]) to service_role;

-- supabase/schemas/core/functions/private.rate_budget_give_back_all.sql

-- Gives back slot p_slots[i] of budget p_keys[i], each free one window from now.
create function private.rate_budget_give_back_all(p_keys text[], p_slots integer[])
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
    for v_index in 1..pg_catalog.cardinality(p_keys) loop
        perform private.rate_budget_give_back(p_keys[v_index], array[p_slots[v_index]]);
    end loop;
end
$$;

revoke all on function private.rate_budget_give_back_all(text[], integer[]) from public;

grant execute on function private.rate_budget_give_back_all(text[], integer[]) to service_role;

-- supabase/schemas/core/functions/private.rate_budget_take.sql

-- Takes p_cost free slots of budget p_key for project p_project_id, held for at most
-- p_lease. Returns them, or no slots and how many seconds until one frees up (the
-- caller waits and asks again): the budget's next free slot or, past the project's
-- share, its own next one.
create or replace function private.rate_budget_take(
    p_key text, p_cost integer, p_lease interval, p_project_id uuid default null
)
returns table (slots integer[], wait_seconds double precision)
language plpgsql volatile
set search_path = ''
as $$
declare
    v_budget private.rate_budgets;
    v_now timestamptz := pg_catalog.clock_timestamp();
    v_capacity integer;
    v_share integer;
    v_slots integer [];
begin
    select b.* into v_budget from private.rate_budgets as b where b.key = p_key;
    if not found then
        raise exception using errcode = 'PB404', message = format('no rate budget "%s"', p_key);
    end if;
    if p_cost < 1 or p_cost > v_budget.capacity then
        raise exception using errcode = 'PB422', message = format(
            'a request costs 1 to %s of budget "%s", not %s', v_budget.capacity, p_key, p_cost);
    end if;
    v_capacity := greatest(p_cost, private.rate_budget_capacity(v_budget, v_now));
    if p_project_id is not null and v_budget.project_share is not null then
        v_share := greatest(1, pg_catalog.floor(v_capacity * v_budget.project_share)::integer);
        if p_cost > v_share then
            raise exception using errcode = 'PB422', message = format(
                'a request costs 1 to %s of budget "%s" for one project, not %s', v_share, p_key, p_cost);
        end if;
        -- one project's takers count its slots one at a time (others do not wait)
        perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_key || '/' || p_project_id::text, 0));
        v_now := pg_catalog.clock_timestamp();
        if (
            select pg_catalog.count(*)
            from private.rate_budget_slots as s
            where s.budget_key = p_key and s.project_id = p_project_id and s.free_at > v_now
        ) + p_cost > v_share then
            return query
            select
                '{}'::integer [],
                greatest(0.001, extract(epoch from pg_catalog.min(s.free_at) - v_now)::double precision)
            from private.rate_budget_slots as s
            where s.budget_key = p_key and s.project_id = p_project_id and s.free_at > v_now;
            return;
        end if;
    end if;
    v_slots := array(
        select s.slot
        from private.rate_budget_slots as s
        where s.budget_key = p_key and s.slot < v_capacity and s.free_at <= v_now
        order by s.free_at, s.slot
        limit p_cost
        for update skip locked
    );
    if pg_catalog.cardinality(v_slots) < p_cost then
        return query
        select
            '{}'::integer [],
            greatest(0.001, coalesce(extract(epoch from pg_catalog.min(s.free_at) - v_now)::double precision, 0.01))
        from private.rate_budget_slots as s
        where s.budget_key = p_key and s.slot < v_capacity and s.free_at > v_now;
        return;
    end if;
    update private.rate_budget_slots as s
    set free_at = v_now + p_lease + v_budget.window_length, project_id = p_project_id
    where s.budget_key = p_key and s.slot = any (v_slots);
    return query select v_slots, 0::double precision;
end
$$;

comment on function private.rate_budget_take(text, integer, interval, uuid) is
'Takes p_cost free slots of a budget for a project (null: no project), within the global '
'capacity and the project''s share: {slots}, or {} and the seconds to wait.';

revoke all on function private.rate_budget_take(text, integer, interval, uuid) from public;

grant execute on function private.rate_budget_take(text, integer, interval, uuid) to service_role;

-- supabase/schemas/core/functions/private.rate_budget_take_all.sql

-- private.rate_budget_take_all reports a wait a taker can sleep through:
-- when the scarcest budget's next slot was given back, it frees exactly one window after
-- its answer (the wait is exact); when every slot is still in flight (a slot in flight
-- reports its lease, longer than the window), it frees as soon as an answer comes back,
-- so the taker asks again shortly (p_poll seconds). Sleeping through exact waits keeps
-- takers that wait for the next window from polling the slots in the meantime.
create or replace function private.rate_budget_take_all(
    p_keys text[], p_lease interval, p_poll double precision default 0.02
)
returns table (slots integer[], wait_seconds double precision)
language plpgsql volatile
set search_path = ''
as $$
declare
    v_key text;
    v_slots integer [] := '{}'::integer [];
    v_taken integer [];
    v_wait double precision;
begin
    begin
        foreach v_key in array p_keys loop
            select t.slots, t.wait_seconds into v_taken, v_wait
            from private.rate_budget_take(v_key, 1, p_lease) as t;
            if pg_catalog.cardinality(v_taken) = 0 then
                raise exception using errcode = 'PB429', message = v_key;
            end if;
            v_slots := v_slots || v_taken[1];
        end loop;
    exception
        when sqlstate 'PB429' then
            -- the sub-block's rollback gives back the slots already taken
            return query
            select
                '{}'::integer [],
                case
                    when v_wait > extract(epoch from b.window_length) then p_poll
                    else v_wait
                end
            from private.rate_budgets as b
            where b.key = v_key;
            return;
    end;
    return query select v_slots, 0::double precision;
end
$$;

comment on function private.rate_budget_take_all(text[], interval, double precision) is
'One slot of each budget, all or none: {slots in key order}, or {} and the seconds until one '
'frees (exact for a given-back slot; p_poll while every slot is in flight).';

revoke all on function private.rate_budget_take_all(text[], interval, double precision) from public;

grant execute on function private.rate_budget_take_all(text[], interval, double precision) to service_role;

-- supabase/schemas/core/functions/private.rate_budget_throttled.sql

-- The provider answered 429 to a request of budget p_key: learn its limit and pause every
-- slot for p_pause. What it let through is the slots taken within the last window (answered
-- or still in flight), less the refused request's own. Returns the capacity now in force.
create function private.rate_budget_throttled(p_key text, p_pause interval, p_floor integer)
returns integer
language plpgsql volatile
set search_path = ''
as $$
declare
    v_budget private.rate_budgets;
    v_now timestamptz := pg_catalog.clock_timestamp();
    v_capacity integer;
    v_admitted integer;
begin
    select b.* into v_budget from private.rate_budgets as b where b.key = p_key for update;
    if not found then
        raise exception using errcode = 'PB404', message = format('no rate budget "%s"', p_key);
    end if;
    v_capacity := private.rate_budget_capacity(v_budget, v_now);
    select pg_catalog.count(*)::integer - 1 into v_admitted
    from private.rate_budget_slots as s
    where s.budget_key = p_key and s.slot < v_capacity and s.free_at > v_now;
    v_capacity := least(
        v_capacity, greatest(p_floor, v_admitted), v_budget.capacity
    );
    update private.rate_budgets as b
    set learned_capacity = v_capacity, learned_at = v_now, updated_at = v_now
    where b.key = p_key;
    update private.rate_budget_slots as s
    set free_at = greatest(s.free_at, v_now + p_pause)
    where s.budget_key = p_key;
    return v_capacity;
end
$$;

comment on function private.rate_budget_throttled(text, interval, integer) is
'The provider refused a request of this budget (429): learn its limit (at least p_floor) '
'and hold every slot for p_pause. Returns the capacity now in force.';

revoke all on function private.rate_budget_throttled(text, interval, integer) from public;

grant execute on function private.rate_budget_throttled(text, interval, integer) to service_role;

-- supabase/schemas/core/functions/private.record_connection.sql

-- Connection state of a project integration, written only by Plugboard (service_role): the
-- OAuth callback, token refresh, disconnect and connection tests move the status
-- (Pending → Connected; Connected ⇄ Error; → Expired when a reconnect is needed;
-- → Disconnected) and keep the last error for people to read in v_project_integrations.
-- Every connection event also leaves a finished sync log (action connect, refresh,
-- disconnect, testConnection) saying what happened. Never a secret in any of it.
-- Connected through a new grant (the OAuth callback): account, expiry, errors cleared.
create function private.record_connection(
    p_project_integration_id uuid,
    p_external_account_id text,
    p_connection_expires_at timestamptz
)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = 'Connected',
        external_account_id = p_external_account_id,
        connected_at = now(),
        connection_expires_at = p_connection_expires_at,
        last_error_code = null,
        last_error_message = null,
        last_error_at = null
    where pi.id = p_project_integration_id
$$;

revoke all on function private.record_connection(uuid, text, timestamptz)
from public, anon, authenticated;

grant execute on function private.record_connection(uuid, text, timestamptz) to service_role;

-- supabase/schemas/core/functions/private.record_connection_ok.sql

-- The credential works again (a refresh or a test succeeded): Connected, errors cleared.
-- An integration that was disconnected or is waiting for a reconnect stays as it is.
create function private.record_connection_ok(
    p_project_integration_id uuid,
    p_connection_expires_at timestamptz default null
)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = 'Connected',
        connection_expires_at = coalesce(p_connection_expires_at, pi.connection_expires_at),
        last_error_code = null,
        last_error_message = null,
        last_error_at = null
    where pi.id = p_project_integration_id and pi.status in ('Connected', 'Error')
$$;

revoke all on function private.record_connection_ok(uuid, timestamptz)
from public, anon, authenticated;

grant execute on function private.record_connection_ok(uuid, timestamptz) to service_role;

-- supabase/schemas/core/functions/private.record_connection_problem.sql

-- Something went wrong: keep the error for people to see and, when p_status is given,
-- move to it (Error, Expired, Pending). p_status null keeps the status.
create function private.record_connection_problem(
    p_project_integration_id uuid,
    p_status public.integration_connection_status,
    p_error_code text,
    p_error_message text
)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = coalesce(p_status, pi.status),
        last_error_code = p_error_code,
        last_error_message = p_error_message,
        last_error_at = now()
    where pi.id = p_project_integration_id
$$;

revoke all on function private.record_connection_problem(
    uuid, public.integration_connection_status, text, text
) from public, anon, authenticated;

grant execute on function private.record_connection_problem(
    uuid, public.integration_connection_status, text, text
) to service_role;

-- supabase/schemas/core/functions/private.record_disconnection.sql

-- Disconnected: the grant is gone; the account id stays so people see what it was
-- connected to (mappings and sync logs are kept).
create function private.record_disconnection(p_project_integration_id uuid)
returns void
language sql
set search_path = ''
as $$
    update public.project_integrations as pi set
        status = 'Disconnected',
        connected_at = null,
        connection_expires_at = null,
        last_error_code = null,
        last_error_message = null,
        last_error_at = null
    where pi.id = p_project_integration_id
$$;

revoke all on function private.record_disconnection(uuid) from public, anon, authenticated;

grant execute on function private.record_disconnection(uuid) to service_role;

-- supabase/schemas/core/functions/private.record_global_credential_test.sql

-- The outcome of a real test of a global credential (the Companies House key): every
-- project integration of the provider follows it, and the credential remembers when it
-- last passed. p_ok false moves them to Error with the reason.
create function private.record_global_credential_test(
    p_provider_key text,
    p_ok boolean,
    p_error_code text default null,
    p_error_message text default null
)
returns integer
language sql
set search_path = ''
as $$
    with tested as (
        update public.integration_credentials as c set
            verified_at = case when p_ok then now() else c.verified_at end
        from public.integration_providers as p
        where c.provider_id = p.id and p.key = p_provider_key and c.scope = 'global'
        returning c.provider_id
    ),

    moved as (
        update public.project_integrations as pi set
            status = case when p_ok then 'Connected' else 'Error' end::public.integration_connection_status,
            connected_at = case when p_ok then coalesce(pi.connected_at, now()) end,
            last_error_code = case when not p_ok then p_error_code end,
            last_error_message = case when not p_ok then p_error_message end,
            last_error_at = case when not p_ok then now() end
        where pi.provider_id in (select t.provider_id from tested as t)
        returning 1
    )

    select count(*)::integer from moved
$$;

revoke all on function private.record_global_credential_test(text, boolean, text, text)
from public, anon, authenticated;

grant execute on function private.record_global_credential_test(text, boolean, text, text)
to service_role;

-- supabase/schemas/core/functions/private.register_provider.sql

-- One call registers a provider: private.register_provider(description) writes the
-- catalogue from one JSON description — the provider row, its countries, its features and
-- the integration:sync:<key> permission — so a provider's catalogue data lives in one file
-- (supabase/schemas/providers/<key>/registration.sql, and its migration) instead of being
-- patched across files. Idempotent: a second call with the same description changes
-- nothing (not even updated_at); a changed description updates what changed. The
-- description is the whole truth: a field left out takes its default, a country left out
-- is removed, a feature left out is deleted (refused, PB409, while projects have settings
-- or sync logs for it: keep it with "is_active": false). A description of the wrong shape
-- is refused (PB422) naming the field. docs/catalogue.md lists the fields.

create function private.register_provider(p_description jsonb)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    c_path constant text := 'description';
    v_key text;
    v_client_actions text [];
    v_server_actions text [];
    v_countries text [];
    v_feature_keys text [];
    v_features jsonb := coalesce(p_description -> 'features', '[]');
    v_provider_id uuid;
    v_error text;
    v_dropped text;
begin
    perform private.registration_check_fields(p_description, c_path, '{
        "key": "string!", "name": "string!", "description": "string",
        "auth_method": "string!", "credential_scope": "string!",
        "auto_enable_for_country": "boolean", "is_active": "boolean",
        "website_url": "string|null", "docs_url": "string|null",
        "client_actions": "array", "server_actions": "array", "sort_order": "number",
        "min_schedule_interval": "string|null", "countries": "array", "features": "array",
        "sync_permission_description": "string"
    }');
    v_key := private.registration_key(p_description ->> 'key', c_path || '.key');
    perform private.registration_enum_label(
        p_description ->> 'auth_method', c_path || '.auth_method', 'public.integration_auth_method'
    );
    perform private.registration_enum_label(
        p_description ->> 'credential_scope', c_path || '.credential_scope', 'public.integration_credential_scope'
    );
    v_client_actions := private.registration_strings(p_description -> 'client_actions', c_path || '.client_actions');
    v_server_actions := private.registration_strings(p_description -> 'server_actions', c_path || '.server_actions');
    v_countries := private.registration_strings(p_description -> 'countries', c_path || '.countries');
    select pg_catalog.format('%s.countries[%s]: "%s" is not an ISO 3166-1 alpha-2 code (GB, US, …)', c_path,
        c.i - 1, private.input_excerpt(c.code))
    into v_error
    from pg_catalog.unnest(v_countries) with ordinality as c (code, i)
    where not private.is_iso_country(c.code)
    order by c.i limit 1;
    if v_error is not null then
        raise exception using errcode = 'PB422', message = v_error;
    end if;
    v_feature_keys := array(
        select private.registration_check_feature(
            f.value, pg_catalog.format('%s.features[%s]', c_path, f.i - 1), v_server_actions, v_client_actions
        )
        from pg_catalog.jsonb_array_elements(v_features) with ordinality as f (value, i)
        order by f.i
    );
    select pg_catalog.format('%s.features: "%s" is listed twice', c_path, k.key) into v_error
    from pg_catalog.unnest(v_feature_keys) as k (key)
    group by k.key having pg_catalog.count(*) > 1
    order by k.key limit 1;
    if v_error is not null then
        raise exception using errcode = 'PB422', message = v_error;
    end if;

    insert into public.integration_providers as p (
        key, name, description, auth_method, credential_scope, auto_enable_for_country, is_active,
        website_url, docs_url, client_actions, server_actions, sort_order, min_schedule_interval
    ) values (
        v_key,
        p_description ->> 'name',
        coalesce(p_description ->> 'description', ''),
        (p_description ->> 'auth_method')::public.integration_auth_method,
        (p_description ->> 'credential_scope')::public.integration_credential_scope,
        coalesce((p_description ->> 'auto_enable_for_country')::boolean, false),
        coalesce((p_description ->> 'is_active')::boolean, true),
        p_description ->> 'website_url',
        p_description ->> 'docs_url',
        v_client_actions,
        v_server_actions,
        private.registration_integer(p_description -> 'sort_order', c_path || '.sort_order', 0),
        private.registration_interval(p_description ->> 'min_schedule_interval', c_path || '.min_schedule_interval')
    )
    on conflict (key) do update set
        name = excluded.name,
        description = excluded.description,
        auth_method = excluded.auth_method,
        credential_scope = excluded.credential_scope,
        auto_enable_for_country = excluded.auto_enable_for_country,
        is_active = excluded.is_active,
        website_url = excluded.website_url,
        docs_url = excluded.docs_url,
        client_actions = excluded.client_actions,
        server_actions = excluded.server_actions,
        sort_order = excluded.sort_order,
        min_schedule_interval = excluded.min_schedule_interval
    where (
        p.name, p.description, p.auth_method, p.credential_scope, p.auto_enable_for_country, p.is_active,
        p.website_url, p.docs_url, p.client_actions, p.server_actions, p.sort_order, p.min_schedule_interval
    ) is distinct from (
        excluded.name, excluded.description, excluded.auth_method, excluded.credential_scope,
        excluded.auto_enable_for_country, excluded.is_active, excluded.website_url, excluded.docs_url,
        excluded.client_actions, excluded.server_actions, excluded.sort_order, excluded.min_schedule_interval
    );
    select p.id into v_provider_id from public.integration_providers as p where p.key = v_key;

    delete from public.integration_provider_countries as c
    where c.provider_id = v_provider_id and c.country_code <> all (v_countries);
    insert into public.integration_provider_countries (provider_id, country_code)
    select v_provider_id, c.code from pg_catalog.unnest(v_countries) as c (code)
    on conflict do nothing;

    -- a feature left out goes, unless a project holds settings or sync logs for it
    select f.key into v_dropped
    from public.integration_features as f
    where f.provider_id = v_provider_id and f.key <> all (v_feature_keys)
        and (
            exists (select from public.project_integration_features as pif where pif.feature_id = f.id)
            or exists (select from public.integration_sync_logs as l where l.feature_id = f.id)
        )
    order by f.key limit 1;
    if v_dropped is not null then
        raise exception using errcode = 'PB409',
            message = pg_catalog.format('%s.features: %s no longer lists feature "%s", but projects have '
                || 'settings or sync logs for it', c_path, v_key, v_dropped),
            hint = 'keep the feature in the description with "is_active": false';
    end if;
    delete from public.integration_features as f
    where f.provider_id = v_provider_id and f.key <> all (v_feature_keys);

    insert into public.integration_features as f (
        provider_id, key, name, description, default_trigger, default_trigger_config, sync_direction,
        entity_type, server_action, validation_action, is_active, sort_order
    )
    select
        v_provider_id,
        d.value ->> 'key',
        d.value ->> 'name',
        coalesce(d.value ->> 'description', ''),
        (d.value ->> 'default_trigger')::public.sync_trigger_type,
        d.value -> 'default_trigger_config',
        (d.value ->> 'sync_direction')::public.sync_direction,
        d.value ->> 'entity_type',
        d.value ->> 'server_action',
        d.value ->> 'validation_action',
        coalesce((d.value ->> 'is_active')::boolean, true),
        coalesce((d.value ->> 'sort_order')::numeric::integer, 0)
    from pg_catalog.jsonb_array_elements(v_features) with ordinality as d (value, i)
    order by d.i
    on conflict (provider_id, key) do update set
        name = excluded.name,
        description = excluded.description,
        default_trigger = excluded.default_trigger,
        default_trigger_config = excluded.default_trigger_config,
        sync_direction = excluded.sync_direction,
        entity_type = excluded.entity_type,
        server_action = excluded.server_action,
        validation_action = excluded.validation_action,
        is_active = excluded.is_active,
        sort_order = excluded.sort_order
    where (
        f.name, f.description, f.default_trigger, f.default_trigger_config, f.sync_direction, f.entity_type,
        f.server_action, f.validation_action, f.is_active, f.sort_order
    ) is distinct from (
        excluded.name, excluded.description, excluded.default_trigger, excluded.default_trigger_config,
        excluded.sync_direction, excluded.entity_type, excluded.server_action, excluded.validation_action,
        excluded.is_active, excluded.sort_order
    );

    -- project:owner is granted it by rule (private.tg_grant_every_permission_to_owner)
    insert into public.permissions as pm (key, description)
    values (
        'integration:sync:' || v_key,
        coalesce(p_description ->> 'sync_permission_description', 'Trigger manual syncs for ' || (p_description ->> 'name'))
    )
    on conflict (key) do update set description = excluded.description
    where pm.description is distinct from excluded.description;

    return v_provider_id;
end
$$;

comment on function private.register_provider(jsonb) is
'Writes a provider''s catalogue data (provider, countries, features, sync permission) from one '
'description; idempotent. Fields: docs/catalogue.md.';

revoke all on function private.register_provider(jsonb) from public;

-- supabase/schemas/core/functions/private.registration_check_feature.sql

-- Validates one feature of a provider's description (at p_path): its fields, its default
-- trigger config (PB400, as the table's own check says it, with the feature's path), its
-- server action one of server_actions, its validation action one of client_actions.
-- Returns its key.
create function private.registration_check_feature(
    p_feature jsonb, p_path text, p_server_actions text[], p_client_actions text[]
)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_error text;
begin
    perform private.registration_check_fields(p_feature, p_path, '{
        "key": "string!", "name": "string!", "description": "string",
        "default_trigger": "string!", "default_trigger_config": "object!",
        "sync_direction": "string!", "entity_type": "string!",
        "server_action": "string|null", "validation_action": "string|null",
        "is_active": "boolean", "sort_order": "number"
    }');
    perform private.registration_enum_label(
        p_feature ->> 'default_trigger', p_path || '.default_trigger', 'public.sync_trigger_type'
    );
    perform private.registration_enum_label(
        p_feature ->> 'sync_direction', p_path || '.sync_direction', 'public.sync_direction'
    );
    perform private.registration_integer(p_feature -> 'sort_order', p_path || '.sort_order', 0);
    v_error := private.trigger_config_error(
        (p_feature ->> 'default_trigger')::public.sync_trigger_type, p_feature -> 'default_trigger_config'
    );
    if v_error is not null then
        raise exception using errcode = 'PB400', message = p_path || '.default_' || v_error;
    end if;
    if p_feature ->> 'server_action' is not null and p_feature ->> 'server_action' <> all (p_server_actions) then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.server_action: "%s" is not one of the provider''s server_actions',
                p_path, private.input_excerpt(p_feature ->> 'server_action')),
            hint = 'add it to server_actions (and register it in the provider''s processor)';
    end if;
    if p_feature ->> 'validation_action' is not null and p_feature ->> 'validation_action' <> all (p_client_actions) then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.validation_action: "%s" is not one of the provider''s client_actions',
                p_path, private.input_excerpt(p_feature ->> 'validation_action')),
            hint = 'add it to client_actions (and define its SQL function)';
    end if;
    return private.registration_key(p_feature ->> 'key', p_path || '.key');
end
$$;

revoke all on function private.registration_check_feature(jsonb, text, text[], text[]) from public;

-- supabase/schemas/core/functions/private.registration_check_fields.sql

-- Checks p_value is an object holding only p_fields' keys, each of its JSON type. p_fields
-- maps a key to its type: 'string', 'number', 'boolean', 'array' or 'object', several
-- joined by '|' ('string|null'), a trailing '!' for a required key (never null).
create function private.registration_check_fields(p_value jsonb, p_path text, p_fields jsonb)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
    v_key text;
    v_spec text;
    v_types text [];
    v_hint text := 'the fields: ' || (
        select pg_catalog.string_agg(f.key || ' (' || f.value || ')', ', ' order by f.key)
        from pg_catalog.jsonb_each_text(p_fields) as f
    ) || '; ! marks a required one';
begin
    if pg_catalog.jsonb_typeof(p_value) is distinct from 'object' then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: must be a JSON object, not %s', p_path,
                coalesce(pg_catalog.jsonb_typeof(p_value), 'missing')),
            hint = v_hint;
    end if;
    select k into v_key from pg_catalog.jsonb_object_keys(p_value) as k where not p_fields ? k order by k limit 1;
    if v_key is not null then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s.%s: not a field of this description', p_path,
                private.input_excerpt(v_key)),
            hint = v_hint;
    end if;
    for v_key, v_spec in select f.key, f.value from pg_catalog.jsonb_each_text(p_fields) as f order by f.key loop
        v_types := pg_catalog.string_to_array(pg_catalog.rtrim(v_spec, '!'), '|');
        if not p_value ? v_key then
            if v_spec like '%!' then
                raise exception using errcode = 'PB422',
                    message = pg_catalog.format('%s.%s: required, missing', p_path, v_key), hint = v_hint;
            end if;
        elsif pg_catalog.jsonb_typeof(p_value -> v_key) <> all (v_types) then
            raise exception using errcode = 'PB422',
                message = pg_catalog.format('%s.%s: must be %s, not %s', p_path, v_key,
                    pg_catalog.array_to_string(v_types, ' or '), pg_catalog.jsonb_typeof(p_value -> v_key)),
                hint = v_hint;
        end if;
    end loop;
end
$$;

revoke all on function private.registration_check_fields(jsonb, text, jsonb) from public;

-- supabase/schemas/core/functions/private.registration_enum_label.sql

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

-- supabase/schemas/core/functions/private.registration_integer.sql

-- A whole JSON number that fits an integer, or p_default when p_value is null.
create function private.registration_integer(p_value jsonb, p_path text, p_default integer)
returns integer
language plpgsql immutable
set search_path = ''
as $$
begin
    if p_value is null then
        return p_default;
    end if;
    if p_value::text::numeric <> pg_catalog.trunc(p_value::text::numeric)
        or p_value::text::numeric not between -2147483648 and 2147483647 then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s: must be a whole number, not %s', p_path,
                private.input_excerpt(p_value::text));
    end if;
    return p_value::text::numeric::integer;
end
$$;

revoke all on function private.registration_integer(jsonb, text, integer) from public;

-- supabase/schemas/core/functions/private.registration_interval.sql

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

-- supabase/schemas/core/functions/private.registration_key.sql

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

-- supabase/schemas/core/functions/private.registration_strings.sql

-- A JSON array of distinct non-empty strings as text[] ('{}' when p_value is null).
create function private.registration_strings(p_value jsonb, p_path text)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
    v_bad record;
begin
    select e.ordinality - 1 as i, e.value into v_bad
    from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
    where pg_catalog.jsonb_typeof(e.value) <> 'string' or e.value #>> '{}' = ''
    order by e.ordinality limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s[%s]: must be a non-empty string, not %s', p_path, v_bad.i,
                private.input_excerpt(v_bad.value::text));
    end if;
    select e.value #>> '{}' as value, e.ordinality - 1 as i into v_bad
    from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
    where exists (
        select from pg_catalog.jsonb_array_elements(p_value) with ordinality as o
        where o.value = e.value and o.ordinality < e.ordinality
    )
    order by e.ordinality limit 1;
    if found then
        raise exception using errcode = 'PB422',
            message = pg_catalog.format('%s[%s]: "%s" is listed twice', p_path, v_bad.i,
                private.input_excerpt(v_bad.value));
    end if;
    return array(
        select e.value #>> '{}' from pg_catalog.jsonb_array_elements(coalesce(p_value, '[]')) with ordinality as e
        order by e.ordinality
    );
end
$$;

revoke all on function private.registration_strings(jsonb, text) from public;

-- supabase/schemas/core/functions/private.require_mapping_kind.sql

-- PB422 unless p_entity_type maps host records (p_records) or reference codes (not p_records).
create function private.require_mapping_kind(p_entity_type text, p_records boolean)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
    if (private.mapping_host_table(p_entity_type) is not null) <> p_records then
        raise exception using errcode = 'PB422',
            message = format('entity type "%s" maps %s', p_entity_type,
                case when p_records then 'reference codes, not records' else 'records, not reference codes' end),
            hint = case when p_records
                then 'Map a code with integration_map_code; link a vendor, customer, company or transaction here.'
                else 'Link a record with integration_link_record; map an account, tax_code or class here.' end;
    end if;
end
$$;

revoke all on function private.require_mapping_kind(text, boolean) from public;

-- supabase/schemas/core/functions/private.reschedule_integrations.sql

-- Brings next_run_at of the given project integrations' features in line with what is
-- schedulable: creates missing rows, sets it where it is missing (or everywhere when
-- p_restart: the catalogue's schedule changed), clears it where nothing is scheduled.
-- Each next run is at least the provider's minimum schedule interval from now.
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

revoke all on function private.reschedule_integrations(uuid[], boolean) from public;

-- supabase/schemas/core/functions/private.rpc_feature.sql

-- The active feature p_key of the integration's provider, else PB404 listing the features.
create or replace function private.rpc_feature(p_integration public.project_integrations, p_key text)
returns public.integration_features
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_feature public.integration_features;
begin
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id and f.key = p_key and f.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('no feature "%s" for this integration', coalesce(private.input_excerpt(p_key), 'null')),
            hint = 'Features: ' || (
                select pg_catalog.string_agg(f.key, ', ' order by f.sort_order)
                from public.integration_features as f
                where f.provider_id = p_integration.provider_id and f.is_active
            );
    end if;
    return v_feature;
end
$$;

revoke all on function private.rpc_feature(public.project_integrations, text) from public;

grant execute on function private.rpc_feature(public.project_integrations, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.rpc_integration.sql

-- The project integration p_id, if the caller belongs to its project (else PB404) and holds
-- p_permission there (else PB403). '<provider>' in p_permission stands for the provider key.
create or replace function private.rpc_integration(p_id uuid, p_permission text)
returns public.project_integrations
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_permission text;
begin
    select pi.* into v_integration from public.project_integrations as pi where pi.id = p_id;
    if not found or not private.rpc_sees_project(v_integration.project_id) then
        raise exception using errcode = 'PB404',
            message = format('no project integration %s in a project you belong to', coalesce(p_id::text, 'null'));
    end if;
    v_permission := pg_catalog.replace(p_permission, '<provider>', (
        select p.key from public.integration_providers as p where p.id = v_integration.provider_id
    ));
    if not private.rpc_may(v_integration.project_id, v_permission) then
        raise exception using errcode = 'PB403',
            message = format('you need the %s permission in this project', v_permission);
    end if;
    return v_integration;
end
$$;

revoke all on function private.rpc_integration(uuid, text) from public;

grant execute on function private.rpc_integration(uuid, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.rpc_may.sql

-- Helpers the client-app RPCs share: who may act (PB403), which project integration and
-- feature a call means (PB404), and the "Send To" re-validation of one record.
-- service_role (a trusted server app, JWT role service_role) may do what any permission allows.
-- private.rpc_may answers true / false only, service_role as
-- private.caller_is_service_role() says.
create or replace function private.rpc_may(p_project_id uuid, p_permission text)
returns boolean
language plpgsql stable
set search_path = ''
as $$
begin
    return private.caller_is_service_role()
        or coalesce(private.has_permission(p_project_id, p_permission), false);
end
$$;

revoke all on function private.rpc_may(uuid, text) from public;

grant execute on function private.rpc_may(uuid, text) to authenticated, service_role;

-- supabase/schemas/core/functions/private.rpc_sees_project.sql

-- The caller may see the project at all: service_role, or a member. Errors for a project
-- the caller does not see say the same as for one that does not exist.
create function private.rpc_sees_project(p_project_id uuid)
returns boolean
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return private.caller_is_service_role() or coalesce(exists (
        select from public.project_members as m
        where m.project_id = p_project_id and m.user_id = private.caller_uid()
    ), false);
end
$$;

revoke all on function private.rpc_sees_project(uuid) from public;

grant execute on function private.rpc_sees_project(uuid) to authenticated, service_role;

-- supabase/schemas/core/functions/private.save_credential.sql

-- Stores a credential, creating or replacing it: the secret (a JSON object such as
-- {"access_token": …, "refresh_token": …} or {"api_key": …}) into Vault, the facts here.
-- p_project_integration_id null means the provider's global credential. On replace, a null
-- fact keeps the stored one (as vault.update_secret does). Returns the credential id.
create function private.save_credential(
    p_provider_key text,
    p_project_integration_id uuid,
    p_secret jsonb,
    p_token_expires_at timestamptz default null,
    p_refresh_token_expires_at timestamptz default null,
    p_scopes text[] default null,
    p_external_account_id text default null
)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
    v_provider public.integration_providers;
    v_credential_id uuid;
    v_secret_id uuid;
begin
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider_key;
    if not found then
        raise exception using errcode = 'PB404', message = format('no provider "%s"', p_provider_key);
    end if;
    if (v_provider.credential_scope = 'global') <> (p_project_integration_id is null) then
        raise exception using errcode = 'PB400', message = format(
            '%s keeps %s credentials', v_provider.name,
            case v_provider.credential_scope when 'global' then 'one global' else 'per-project' end);
    end if;
    if p_secret is null or pg_catalog.jsonb_typeof(p_secret) <> 'object' then
        raise exception using errcode = 'PB400', message = 'a credential secret is a JSON object';
    end if;
    -- one writer per credential at a time: concurrent first saves would both insert
    if p_project_integration_id is null then
        perform from public.integration_providers as p where p.id = v_provider.id for no key update;
    else
        perform from public.project_integrations as pi
        where pi.id = p_project_integration_id and pi.provider_id = v_provider.id
        for no key update;
        if not found then
            raise exception using errcode = 'PB404', message = format(
                'no %s integration %s', v_provider.name, p_project_integration_id);
        end if;
    end if;

    select c.id, c.vault_secret_id into v_credential_id, v_secret_id
    from public.integration_credentials as c
    where c.provider_id = v_provider.id
        and c.project_integration_id is not distinct from p_project_integration_id;

    if v_credential_id is null then
        v_credential_id := extensions.gen_random_uuid();
        v_secret_id := vault.create_secret(
            p_secret::text,
            'integration_credential:' || v_credential_id,
            format(
                'Plugboard %s credential (%s)',
                v_provider.key, coalesce(p_project_integration_id::text, 'global')
            )
        );
        insert into public.integration_credentials (
            id, provider_id, project_integration_id, scope, vault_secret_id, token_expires_at,
            refresh_token_expires_at, scopes, external_account_id
        ) values (
            v_credential_id, v_provider.id, p_project_integration_id, v_provider.credential_scope,
            v_secret_id, p_token_expires_at, p_refresh_token_expires_at, coalesce(p_scopes, '{}'),
            p_external_account_id
        );
    else
        perform vault.update_secret(v_secret_id, p_secret::text);
        update public.integration_credentials as c set
            token_expires_at = coalesce(p_token_expires_at, c.token_expires_at),
            refresh_token_expires_at = coalesce(p_refresh_token_expires_at, c.refresh_token_expires_at),
            scopes = coalesce(p_scopes, c.scopes),
            external_account_id = coalesce(p_external_account_id, c.external_account_id),
            refresh_failure_count = 0
        where c.id = v_credential_id;
    end if;
    return v_credential_id;
end
$$;

comment on function private.save_credential(text, uuid, jsonb, timestamptz, timestamptz, text[], text) is
'Creates or replaces a credential: the secret into Vault, the non-secret facts into '
'integration_credentials. service_role only. Returns the credential id.';

revoke all on function private.save_credential(
    text, uuid, jsonb, timestamptz, timestamptz, text[], text
) from public, anon, authenticated;

grant execute on function private.save_credential(
    text, uuid, jsonb, timestamptz, timestamptz, text[], text
) to service_role;

-- supabase/schemas/core/functions/private.schedule_interval_error.sql

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

-- supabase/schemas/core/functions/private.send_errors.sql

-- Why one record may not be pushed by a feature: [] when it may; else errors as the
-- feature's validation action gives them, each tagged with entity_id and feature.
-- p_entity is the host table the feature watches; the record must be in the integration's project.
create or replace function private.send_errors(
    p_integration public.project_integrations,
    p_feature public.integration_features,
    p_entity text,
    p_entity_id text
)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_tag jsonb := pg_catalog.jsonb_build_object(
        'entity_id', private.input_excerpt(p_entity_id), 'feature', p_feature.key
    );
    v_result jsonb;
begin
    if p_entity_id is null
        or p_entity_id !~* '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$' then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('invalid_format', 'entity_ids',
            format('"%s" is not a record id (a uuid)', coalesce(private.input_excerpt(p_entity_id), 'null'))));
    end if;
    if private.entity_project_id(p_entity, p_entity_id::uuid) is distinct from p_integration.project_id then
        return pg_catalog.jsonb_build_array(v_tag || private.client_action_error('not_found', 'entity_ids',
            format('No record %s in this project', p_entity_id)));
    end if;
    if p_feature.validation_action is null then
        return '[]'::jsonb;
    end if;
    v_result := public.integration_client_action(
        (select p.key from public.integration_providers as p where p.id = p_feature.provider_id),
        p_feature.validation_action,
        pg_catalog.jsonb_build_object(
            case p_entity when 'transactions' then 'transaction_id' else 'relationship_id' end, p_entity_id,
            'feature', p_feature.key
        )
    );
    return coalesce((
        select pg_catalog.jsonb_agg(v_tag || e.value order by e.ordinality)
        from pg_catalog.jsonb_array_elements(v_result -> 'errors') with ordinality as e (value, ordinality)
    ), '[]');
end
$$;

revoke all on function private.send_errors(public.project_integrations, public.integration_features, text, text)
from public;

-- supabase/schemas/core/functions/private.sync_run_key.sql

-- The job queue's one door from SQL. Sync runs are procrastinate jobs (its schema
-- `procrastinate`, installed by the migrations that sort first, 20261204490000…; see
-- python_workers/db/queue_schema.py), deferred inside the caller's transaction, so a
-- rolled-back change enqueues nothing and a committed one wakes the workers (procrastinate
-- NOTIFYs on insert).
--
-- One job per sync run: task plugboard.sync_run, queue `sync`, args {"log_id": <uuid>}.
-- Its key (private.sync_run_key) is both procrastinate's queueing lock (at most one
-- waiting job per key: the same work is not queued twice) and its lock (jobs of one key
-- never run at the same time: two runs of one feature, or of one record, never overlap).
-- sync:<project integration>:<feature, or the action when no feature names it>:<entity id or *>
create function private.sync_run_key(
    p_project_integration_id uuid, p_feature_id uuid, p_action text, p_entity_id text
)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select 'sync:' || p_project_integration_id::text
        || ':' || coalesce(p_feature_id::text, p_action)
        || ':' || coalesce(p_entity_id, '*')
$$;

revoke all on function private.sync_run_key(uuid, uuid, text, text) from public;

-- supabase/schemas/core/functions/private.take_oauth_state.sql

-- Uses up the authorization request a callback's state names, when the callback comes
-- from the browser that started it (p_browser_hash: the hash of its cookie's nonce, null
-- without one). outcome: ok; unknown (never issued, or for another provider);
-- other_browser; replayed (already used); expired. Only 'ok' writes (marks the state
-- used) and gives the ids and the PKCE verifier.
create function private.take_oauth_state(p_state_hash text, p_provider_key text, p_browser_hash text)
returns table (
    outcome text,
    project_integration_id uuid,
    project_id uuid,
    user_id uuid,
    code_verifier text
)
language plpgsql
set search_path = ''
as $$
declare
    v_state private.oauth_states;
    v_project_id uuid;
begin
    select s.* into v_state from private.oauth_states as s where s.state_hash = p_state_hash for update;
    select pi.project_id into v_project_id
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.id = v_state.project_integration_id and p.key = p_provider_key;
    outcome := case
        when v_project_id is null then 'unknown'
        when v_state.browser_hash is distinct from p_browser_hash then 'other_browser'
        when v_state.used_at is not null then 'replayed'
        when v_state.expires_at < now() then 'expired'
        else 'ok'
    end;
    if outcome = 'ok' then
        update private.oauth_states as s set used_at = now() where s.state_hash = p_state_hash;
        project_integration_id := v_state.project_integration_id;
        project_id := v_project_id;
        user_id := v_state.user_id;
        code_verifier := v_state.code_verifier;
    end if;
    return next;
end
$$;

revoke all on function private.take_oauth_state(text, text, text) from public, anon, authenticated;

grant execute on function private.take_oauth_state(text, text, text) to service_role;

-- supabase/schemas/core/functions/private.tg_grant_every_permission_to_owner.sql

-- project:owner holds every permission by rule: whenever a permission (or the owner role)
-- appears, the owner is granted every permission, so a permission added later (a new
-- provider's integration:sync:<key>) needs no re-grant. role_permissions stays the one
-- record of who holds what (clients read it for the menu); permission checks read it, so a
-- permission that does not exist — a misspelt key — is held by nobody, owners included.

create function private.tg_grant_every_permission_to_owner()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    insert into public.role_permissions (role_id, permission_key)
    select r.id, p.key
    from public.roles as r
    cross join public.permissions as p
    where r.key = 'project:owner'
    on conflict do nothing;
    return null;
end
$$;

revoke all on function private.tg_grant_every_permission_to_owner() from public;

-- supabase/schemas/core/functions/private.tg_host_records__enqueue_status_change.sql

-- Shared by the host tables with a status (project_relationships, transactions).
create function private.tg_host_records__enqueue_status_change()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_changes jsonb [];
begin
    if not exists (
        select
        from private.features_triggered_by(
            'on_status_change', array(select distinct n.project_id from new_rows as n), null
        ) as f
        where f.trigger_config ->> 'entity' = tg_table_name
    ) then
        return null;
    end if;
    if tg_op = 'INSERT' then
        v_changes := array(
            select pg_catalog.jsonb_build_object('new', pg_catalog.to_jsonb(n), 'old', null)
            from new_rows as n
        );
    else
        v_changes := array(
            select pg_catalog.jsonb_build_object('new', pg_catalog.to_jsonb(n), 'old', pg_catalog.to_jsonb(o))
            from new_rows as n
            inner join old_rows as o on n.id = o.id
            where n.status is distinct from o.status
        );
    end if;
    if pg_catalog.cardinality(v_changes) > 0 then
        perform private.enqueue_status_changes(tg_table_name, v_changes);
    end if;
    return null;
end
$$;

revoke all on function private.tg_host_records__enqueue_status_change() from public;

-- supabase/schemas/core/functions/private.tg_integration_credentials__delete_secret.sql

-- A credential row and its Vault secret go together: deleting the row in any way
-- (delete_credential, or a cascade from a deleted project or integration, which a client
-- may cause) deletes the secret. Security definer: a cascade a client starts runs
-- without rights on vault.secrets.
create function private.tg_integration_credentials__delete_secret()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    delete from vault.secrets as s where s.id = old.vault_secret_id;
    return null;
end
$$;

revoke all on function private.tg_integration_credentials__delete_secret()
from public, anon, authenticated;

-- supabase/schemas/core/functions/private.tg_integration_entity_mappings__enqueue_link.sql

create function private.tg_integration_entity_mappings__enqueue_link()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.enqueue_sync_run(
        f.project_integration_id, f.feature_id, 'on_link', f.server_action, f.entity_type,
        n.internal_id,
        pg_catalog.jsonb_build_object(
            'feature', f.feature_key, 'entity_id', n.internal_id,
            'external_id', n.external_id, 'mapping_id', n.id
        ),
        n.created_by
    )
    from new_rows as n
    inner join private.features_triggered_by(
        'on_link', null, array(select distinct l.project_integration_id from new_rows as l)
    ) as f on n.project_integration_id = f.project_integration_id and n.entity_type = f.entity_type
    where n.created_via = 'link'
        and private.host_record_matches(
            f.trigger_config ->> 'entity', n.internal_id, f.trigger_config -> 'filter'
        );
    return null;
end
$$;

revoke all on function private.tg_integration_entity_mappings__enqueue_link() from public;

-- supabase/schemas/core/functions/private.tg_integration_entity_mappings__same_project.sql

create function private.tg_integration_entity_mappings__same_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_table text := private.mapping_host_table(new.entity_type);
begin
    if v_table is not null and not private.host_record_in_project(
        v_table, new.internal_id,
        (select pi.project_id from public.project_integrations as pi where pi.id = new.project_integration_id)
    ) then
        perform private.raise_not_in_project(new.entity_type, new.internal_id);
    end if;
    return null;
end
$$;

revoke all on function private.tg_integration_entity_mappings__same_project() from public;

-- supabase/schemas/core/functions/private.tg_integration_features__check_trigger_config.sql

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

revoke all on function private.tg_integration_features__check_trigger_config() from public;

-- supabase/schemas/core/functions/private.tg_integration_features__reschedule.sql

create function private.tg_integration_features__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.reschedule_integrations(
        array(select pi.id from public.project_integrations as pi where pi.provider_id = new.provider_id),
        true
    );
    return null;
end
$$;

revoke all on function private.tg_integration_features__reschedule() from public;

-- supabase/schemas/core/functions/private.tg_integration_sync_logs__global_credential_refused.sql

-- A global credential refused during any run: when a sync log of a provider whose
-- credential is global (the Companies House API key) ends failed with invalid_api_key,
-- the key is wrong for every project, so every integration of the provider moves to Error
-- with that reason (private.record_global_credential_test), as a failed
-- `plugboard credentials test-companies-house-key` does. The worker records a failed run
-- in its own transaction after rolling the action back; this keeps the connection status
-- truthful on that path too. Any other failure (an unknown company number, the provider
-- down) leaves the connection status as it is.
create function private.tg_integration_sync_logs__global_credential_refused()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    perform private.record_global_credential_test(p.key, false, new.error_code, new.error_message)
    from public.integration_providers as p
    where p.id = new.provider_id and p.credential_scope = 'global';
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__global_credential_refused()
from public, anon, authenticated;

-- supabase/schemas/core/functions/private.tg_integration_sync_logs__same_project.sql

-- A sync log is a run's order: the worker reads its provider, feature, entity and params
-- (the queued job carries only the log id, see private.defer_sync_jobs). The database now
-- checks each log names only its integration's project, provider and feature, and only records of
-- the integration's project (issue #18), so no queued run can name another project's
-- records whoever wrote it. Likewise a feature override names a feature of its
-- integration's provider.
-- The entity ids checked: entity_id (a batch's 'batch:<first id>' too) and params
-- entity_id / entity_ids when the log's entity type names a host table
-- (private.mapping_entity_types), except for realtime runs, whose entity ids are the
-- provider's own; params relationship_id, transaction_id and mapping_id always.
create function private.tg_integration_sync_logs__same_project()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
    v_params jsonb := coalesce(new.details -> 'params', '{}');
    v_table text := (select t.host_table from private.mapping_entity_types() as t where t.entity_type = new.entity_type);
    v_id text;
begin
    if new.project_integration_id is null then
        return null;
    end if;
    select pi.* into v_integration from public.project_integrations as pi where pi.id = new.project_integration_id;
    if new.project_id is distinct from v_integration.project_id
        or new.provider_id is distinct from v_integration.provider_id or (new.feature_id is not null and not exists (
        select from public.integration_features as f
        where f.id = new.feature_id and f.provider_id = v_integration.provider_id
    )) then
        raise exception using errcode = 'PB409',
            message = 'a sync run names a project, provider or feature that is not its integration''s';
    end if;

    if v_table is not null and new.trigger_type <> 'realtime' then
        -- union: the entity_id and params entity_id are usually the same id, looked up once
        for v_id in
            select pg_catalog.regexp_replace(new.entity_id, '^batch:', '')
            where new.entity_id is not null
            union
            select v_params ->> 'entity_id'
            where pg_catalog.jsonb_typeof(v_params -> 'entity_id') = 'string'
            union
            select e.id
            from pg_catalog.jsonb_array_elements_text(
                case pg_catalog.jsonb_typeof(v_params -> 'entity_ids') when 'array' then v_params -> 'entity_ids' end
            ) as e (id)
        loop
            if not private.host_record_in_project(v_table, v_id, v_integration.project_id) then
                perform private.raise_not_in_project(new.entity_type, v_id);
            end if;
        end loop;
    end if;
    if v_params ? 'relationship_id' and not private.host_record_in_project(
        'project_relationships', v_params ->> 'relationship_id', v_integration.project_id
    ) then
        perform private.raise_not_in_project('relationship', v_params ->> 'relationship_id');
    end if;
    if v_params ? 'transaction_id' and not private.host_record_in_project(
        'transactions', v_params ->> 'transaction_id', v_integration.project_id
    ) then
        perform private.raise_not_in_project('transaction', v_params ->> 'transaction_id');
    end if;
    if v_params ? 'mapping_id' and not exists (
        select from public.integration_entity_mappings as m
        where m.id::text = v_params ->> 'mapping_id' and m.project_integration_id = new.project_integration_id
    ) then
        perform private.raise_not_in_project('mapping', v_params ->> 'mapping_id');
    end if;
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__same_project() from public;

-- supabase/schemas/core/functions/private.tg_keep_project.sql

-- Refuses a change of project_id; tg_argv[0] names the record for the message.
create function private.tg_keep_project()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if new.project_id is distinct from old.project_id then
        raise exception using errcode = 'PB409',
            message = format('a %s stays in the project it was created in', tg_argv[0]),
            hint = 'Create it anew in the other project instead of moving it.';
    end if;
    return new;
end
$$;

revoke all on function private.tg_keep_project() from public;

-- supabase/schemas/core/functions/private.tg_project_integration_features__check_trigger_config.sql

-- Both trigger functions are security definer: they run for members editing overrides,
-- who may not call the private validators directly.
-- An override is checked as it takes effect: the override or the feature's default for
-- whichever of trigger and config is not overridden.
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

revoke all on function private.tg_project_integration_features__check_trigger_config() from public;

-- supabase/schemas/core/functions/private.tg_project_integration_features__same_provider.sql

create function private.tg_project_integration_features__same_provider()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if not exists (
        select from public.project_integrations as pi
        inner join public.integration_features as f on pi.provider_id = f.provider_id
        where pi.id = new.project_integration_id and f.id = new.feature_id
    ) then
        raise exception using errcode = 'PB409',
            message = 'this feature is not one of the integration''s provider''s features',
            hint = 'Override the features of the integration''s own provider (v_project_integration_features).';
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integration_features__same_provider() from public;

-- supabase/schemas/core/functions/private.tg_project_integration_features__schedule.sql

-- A project's override changing: its schedule restarts from now when what is scheduled
-- changed, else next_run_at stays.
-- The next run is at least the provider's minimum schedule interval from now.
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

revoke all on function private.tg_project_integration_features__schedule() from public;

-- supabase/schemas/core/functions/private.tg_project_integrations__global_credential_status.sql

-- A new integration of a provider whose global credential already passed a test starts
-- Connected. Security definer: clients insert integrations but may not read credentials.
create function private.tg_project_integrations__global_credential_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_verified_at timestamptz;
begin
    select c.verified_at into v_verified_at
    from public.integration_credentials as c
    where c.provider_id = new.provider_id and c.scope = 'global';
    if v_verified_at is not null then
        new.status := 'Connected';
        new.connected_at := v_verified_at;
    end if;
    return new;
end
$$;

revoke all on function private.tg_project_integrations__global_credential_status()
from public, anon, authenticated;

-- supabase/schemas/core/functions/private.tg_project_integrations__mark_manual.sql

-- A client (PostgREST's role) enabling or disabling an integration takes it out of the
-- country trigger's hands; the trigger itself runs as the function owner, so it doesn't.
create function private.tg_project_integrations__mark_manual()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if current_user = 'authenticated' then
        new.enabled_by := 'manual';
    end if;
    return new;
end
$$;

revoke all on function private.tg_project_integrations__mark_manual() from public;

-- supabase/schemas/core/functions/private.tg_project_integrations__reschedule.sql

create or replace function private.tg_project_integrations__reschedule()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_ids uuid [];
begin
    if tg_op = 'INSERT' then
        v_ids := array(select n.id from new_rows as n where n.status = 'Connected' and n.is_enabled);
    else
        v_ids := array(
            select n.id
            from new_rows as n
            inner join old_rows as o on n.id = o.id
            where n.status is distinct from o.status or n.is_enabled is distinct from o.is_enabled
        );
    end if;
    if pg_catalog.cardinality(v_ids) > 0 then
        perform private.reschedule_integrations(v_ids, false);
    end if;
    return null;
end
$$;

revoke all on function private.tg_project_integrations__reschedule() from public;

-- supabase/schemas/core/functions/private.tg_projects__add_owner.sql

-- Whoever creates a project owns it.
create function private.tg_projects__add_owner()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if new.created_by is not null then
        insert into public.project_members (project_id, user_id, role_id)
        select new.id, new.created_by, r.id from public.roles as r where r.key = 'project:owner'
        on conflict do nothing;
    end if;
    return null;
end
$$;

revoke all on function private.tg_projects__add_owner() from public;

-- supabase/schemas/core/functions/private.tg_projects__set_created_by.sql

create function private.tg_projects__set_created_by()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    -- a client's own request (PostgREST's roles); RPCs and workers run as the owner
    if current_user in ('anon', 'authenticated') then
        new.created_by := case tg_op when 'INSERT' then private.caller_uid() else old.created_by end;
    end if;
    return new;
end
$$;

revoke all on function private.tg_projects__set_created_by() from public;

-- supabase/schemas/core/functions/private.tg_role_permissions__owner_keeps_every_permission.sql

-- No statement may take a permission from project:owner while the permission exists
-- (PB409); deleting the permission itself withdraws it from every role.
-- Security definer: a caller who could not read every row must not pass the check.
create function private.tg_role_permissions__owner_keeps_every_permission()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
    v_missing text;
begin
    select p.key into v_missing
    from public.roles as r
    cross join public.permissions as p
    where r.key = 'project:owner'
        and not exists (
            select from public.role_permissions as rp where rp.role_id = r.id and rp.permission_key = p.key
        )
    order by p.key limit 1;
    if v_missing is not null then
        raise exception using errcode = 'PB409',
            message = pg_catalog.format('project:owner holds every permission: %s cannot be taken from it', v_missing),
            hint = 'delete the permission itself to withdraw it from every role';
    end if;
    return null;
end
$$;

revoke all on function private.tg_role_permissions__owner_keeps_every_permission() from public;

-- supabase/schemas/core/functions/private.tg_set_updated_at.sql

create function private.tg_set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

revoke all on function private.tg_set_updated_at() from public;

-- supabase/schemas/core/functions/private.trigger_config_error.sql

-- null when (trigger, config) is valid; else '<field>: <what is wrong>'.
create or replace function private.trigger_config_error(
    p_trigger public.sync_trigger_type, p_config jsonb
)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
    v_entity text;
    v_key text;
    v_value jsonb;
    v_element jsonb;
begin
    if p_config is null or pg_catalog.jsonb_typeof(p_config) <> 'object' then
        return 'trigger_config: must be a JSON object';
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(p_config) loop
        if v_key not in ('entity', 'filter', 'schedule', 'owns_fields') then
            return format(
                'trigger_config.%s: unknown key (allowed: entity, filter, schedule, owns_fields)', v_key
            );
        end if;
    end loop;
    if p_config ? 'owns_fields' and pg_catalog.jsonb_typeof(p_config -> 'owns_fields') <> 'boolean' then
        return 'trigger_config.owns_fields: must be true or false';
    end if;
    if pg_catalog.jsonb_typeof(p_config -> 'entity') is distinct from 'string' then
        return 'trigger_config.entity: required, the name of a host table';
    end if;
    v_entity := p_config ->> 'entity';
    if not v_entity = any (private.trigger_entities()) then
        return format('trigger_config.entity: "%s" is not a host table features may watch (%s)',
            v_entity, pg_catalog.array_to_string(private.trigger_entities(), ', '));
    end if;
    if p_config ? 'filter' then
        if pg_catalog.jsonb_typeof(p_config -> 'filter') <> 'object' then
            return 'trigger_config.filter: must be an object of column: value';
        end if;
        for v_key, v_value in select e.key, e.value from pg_catalog.jsonb_each(p_config -> 'filter') as e loop
            if not exists (
                select from pg_catalog.pg_attribute as a
                where a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(v_entity))
                    and a.attname = v_key and a.attnum > 0 and not a.attisdropped
            ) then
                return format('trigger_config.filter.%s: not a column of %s', v_key, v_entity);
            end if;
            if pg_catalog.jsonb_typeof(v_value) = 'array' then
                if pg_catalog.jsonb_array_length(v_value) = 0 then
                    return format('trigger_config.filter.%s: an any-of array needs at least one value', v_key);
                end if;
                for v_element in select pg_catalog.jsonb_array_elements(v_value) loop
                    if pg_catalog.jsonb_typeof(v_element) not in ('string', 'number', 'boolean') then
                        return format('trigger_config.filter.%s: array values must be strings, numbers or booleans', v_key);
                    end if;
                end loop;
            elsif pg_catalog.jsonb_typeof(v_value) not in ('string', 'number', 'boolean') then
                return format('trigger_config.filter.%s: must be a string, number, boolean or an array of them', v_key);
            end if;
        end loop;
    end if;
    if p_trigger = 'on_status_change' and not coalesce(p_config -> 'filter' ? 'status', false) then
        return 'trigger_config.filter.status: on_status_change needs the status it watches';
    end if;
    if p_trigger = 'on_schedule' then
        if pg_catalog.jsonb_typeof(p_config -> 'schedule') is distinct from 'string'
            or not private.cron_is_valid(p_config ->> 'schedule') then
            return 'trigger_config.schedule: on_schedule needs a 5-field cron expression such as "0 2 * * *"';
        end if;
    elsif p_config ? 'schedule' then
        return 'trigger_config.schedule: only on_schedule takes a schedule';
    end if;
    return null;
end
$$;

revoke all on function private.trigger_config_error(public.sync_trigger_type, jsonb) from public;

grant execute on function private.trigger_config_error(public.sync_trigger_type, jsonb)
to service_role;

-- supabase/schemas/core/functions/private.trigger_entities.sql

-- Trigger configs follow the original design's entity + filter pattern:
--   {"entity": "<host table>", "filter": {"<column>": <scalar> | [<scalar>, …]},
--    "schedule": "<5-field cron>"}   (schedule: on_schedule only)
-- The entity must be a host table a feature may watch and every filter key one of its
-- columns; an array means any-of; on_status_change watches the `status` the filter names;
-- on_schedule needs a valid cron expression. python_workers/trigger_config.py holds the
-- same rules as a pydantic model (a property test shows both agree).
-- The host tables features may point at.
create function private.trigger_entities()
returns text[]
language sql immutable parallel safe
set search_path = ''
as $$
    select array['project_relationships', 'transactions', 'transaction_lines', 'projects']
$$;

revoke all on function private.trigger_entities() from public;

-- supabase/schemas/core/functions/public.integration_client_action.sql

-- integration_client_action(provider, action, params): the one RPC through which a client
-- app runs a provider's client action. Security invoker: the action runs as the caller and
-- sees only what the caller's RLS lets it see. The catalogue decides what exists
-- (integration_providers.client_actions); the action is client_actions.<provider>__<action>.
--
--   PB404  unknown (or inactive) provider, or an action the provider's catalogue row lacks
--   PB422  params of the wrong shape (raised by the action itself)
--   PB501  the catalogue names an action that has no SQL function (a deployment bug)
create or replace function public.integration_client_action(
    p_provider text, p_action text, p_params jsonb default '{}'
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_actions text [];
    v_function text := p_provider || '__' || p_action;
    v_result jsonb;
begin
    select p.client_actions into v_actions
    from public.integration_providers as p
    where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null')),
            hint = 'Known providers: ' || coalesce((
                select pg_catalog.string_agg(p.key, ', ' order by p.key)
                from public.integration_providers as p where p.is_active
            ), 'none');
    end if;
    if p_action is null or not p_action = any (v_actions) then
        raise exception using errcode = 'PB404',
            message = format('provider "%s" has no client action "%s"', p_provider,
                coalesce(private.input_excerpt(p_action), 'null')),
            hint = format('Client actions of %s: %s', p_provider,
                coalesce(pg_catalog.array_to_string(v_actions, ', '), 'none'));
    end if;
    if pg_catalog.to_regprocedure(format('client_actions.%I(jsonb)', v_function)) is null then
        raise exception using errcode = 'PB501',
            message = format('client action %s.%s is in the catalogue but not installed', p_provider, p_action);
    end if;
    execute format('select client_actions.%I($1)', v_function) into v_result using p_params;
    return v_result;
end
$$;

comment on function public.integration_client_action(text, text, jsonb) is
'Runs a provider''s client action as the caller (RLS applies). Returns {valid, errors, data}. '
'PB404 unknown provider/action, PB422 bad params. See docs/rpc.md.';

revoke all on function public.integration_client_action(text, text, jsonb) from public, anon;

grant execute on function public.integration_client_action(text, text, jsonb) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_feature_set_enabled.sql

create function public.integration_feature_set_enabled(
    p_project_integration_id uuid, p_feature_key text, p_enabled boolean
)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, p_feature_key);
begin
    if p_enabled is null then
        raise exception using errcode = 'PB422', message = 'enabled: give true or false';
    end if;
    insert into public.project_integration_features as o (project_integration_id, feature_id, is_enabled)
    values (v_integration.id, v_feature.id, p_enabled)
    on conflict (project_integration_id, feature_id) do update set is_enabled = excluded.is_enabled;
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integration_features as v
        where v.project_integration_id = v_integration.id and v.feature_id = v_feature.id
    );
end
$$;

revoke all on function public.integration_feature_set_enabled(uuid, text, boolean) from public, anon;

grant execute on function public.integration_feature_set_enabled(uuid, text, boolean) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_feature_set_trigger.sql

-- p_trigger and p_trigger_config null: back to the catalogue's default trigger and config.
-- Either alone overrides just that part (the other stays the feature's default).
create function public.integration_feature_set_trigger(
    p_project_integration_id uuid,
    p_feature_key text,
    p_trigger public.sync_trigger_type,
    p_trigger_config jsonb default null
)
returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, p_feature_key);
begin
    insert into public.project_integration_features as o (
        project_integration_id, feature_id, trigger_type, trigger_config
    )
    values (v_integration.id, v_feature.id, p_trigger, p_trigger_config)
    on conflict (project_integration_id, feature_id) do update
    set trigger_type = excluded.trigger_type, trigger_config = excluded.trigger_config;
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integration_features as v
        where v.project_integration_id = v_integration.id and v.feature_id = v_feature.id
    );
end
$$;

revoke all on function public.integration_feature_set_trigger(uuid, text, public.sync_trigger_type, jsonb)
from public, anon;

grant execute on function public.integration_feature_set_trigger(uuid, text, public.sync_trigger_type, jsonb)
to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_link_record.sql

create function public.integration_link_record(
    p_project_integration_id uuid, p_entity_type text, p_internal_id uuid, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
begin
    perform private.require_mapping_kind(p_entity_type, true);
    return pg_catalog.jsonb_build_object('linked', true)
        || private.link_mapping(v_integration, p_entity_type, p_internal_id::text, p_external_id);
end
$$;

comment on function public.integration_link_record(uuid, text, uuid, text) is
'Links a host record of the integration''s project to its provider id by hand (runs the on_link '
'features): {linked, mapping_id, log_ids}. Needs integration:manage. See docs/rpc.md.';

revoke all on function public.integration_link_record(uuid, text, uuid, text) from public, anon;

grant execute on function public.integration_link_record(uuid, text, uuid, text) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_map_code.sql

-- Maps the project's reference code p_code to the provider's id; a null p_external_id
-- removes the code's mapping.
create function public.integration_map_code(
    p_project_integration_id uuid, p_entity_type text, p_code text, p_external_id text
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_code text := pg_catalog.btrim(p_code);
    v_mapping_id uuid;
begin
    perform private.require_mapping_kind(p_entity_type, false);
    if coalesce(pg_catalog.length(v_code), 0) not between 1 and 100 then
        raise exception using errcode = 'PB422', message = 'code: give the project''s code (1 to 100 characters)';
    end if;
    if p_external_id is not null then
        return pg_catalog.jsonb_build_object('mapped', true)
            || (private.link_mapping(v_integration, p_entity_type, v_code, p_external_id) - 'log_ids');
    end if;
    delete from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id and m.entity_type = p_entity_type and m.internal_id = v_code
    returning m.id into v_mapping_id;
    return pg_catalog.jsonb_build_object('mapped', false, 'mapping_id', v_mapping_id);
end
$$;

comment on function public.integration_map_code(uuid, text, text, text) is
'Maps a reference code (account, tax_code, class) to the provider''s id, or unmaps it (null): '
'{mapped, mapping_id}. Needs integration:manage. See docs/rpc.md.';

revoke all on function public.integration_map_code(uuid, text, text, text) from public, anon;

grant execute on function public.integration_map_code(uuid, text, text, text) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_request_sync.sql

-- integration_request_sync(project integration, feature key, entity ids): a person asks
-- for a feature to run now (trigger on_manual), for the whole project (entity ids null) or
-- for some of its records. Needs integration:sync:<provider>; the integration and the
-- feature must be on. Records pushed by the feature are re-validated with its client
-- action first; if any is refused nothing is written and the errors come back.
-- Returns {"queued": bool, "log_ids": [uuid, ...], "errors": [{entity_id, feature, code,
-- field, message}]}. Raises PB404 (unknown integration or feature), PB403 (no
-- permission), PB409 (integration or feature off, or nothing to run), PB422 (entity ids
-- given for a whole-project feature, or an empty list).
create or replace function public.integration_request_sync(
    p_project_integration_id uuid, p_feature_key text, p_entity_ids text[] default null
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:sync:<provider>'
    );
    v_feature public.integration_features := private.rpc_feature(v_integration, p_feature_key);
    v_state public.v_project_integration_features;
    v_entity text;
    v_ids text [];
    v_errors jsonb := '[]'::jsonb;
    v_log_ids uuid [];
begin
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = 'this integration is switched off for the project';
    end if;
    select s.* into v_state
    from public.v_project_integration_features as s
    where s.project_integration_id = v_integration.id and s.feature_id = v_feature.id;
    if not v_state.is_enabled then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_feature.name);
    end if;
    if v_feature.server_action is null then
        raise exception using errcode = 'PB409', message = format(
            '%s has nothing to run: it keeps data in Plugboard only', v_feature.name);
    end if;

    v_entity := v_state.trigger_config ->> 'entity';
    if p_entity_ids is not null then
        if v_entity = 'projects' then
            raise exception using errcode = 'PB422', message = format(
                '%s runs for the whole project; pass no entity ids', v_feature.name);
        end if;
        v_ids := array(select distinct i.id from pg_catalog.unnest(p_entity_ids) as i (id) order by i.id);
        if pg_catalog.cardinality(v_ids) = 0 then
            raise exception using errcode = 'PB422',
                message = 'entity ids: give at least one record id, or null for the whole feature';
        end if;
        select coalesce(pg_catalog.jsonb_agg(e.error order by i.id, e.ordinality), '[]') into v_errors
        from pg_catalog.unnest(v_ids) as i (id)
        cross join lateral pg_catalog.jsonb_array_elements(
            private.send_errors(v_integration, v_feature, v_entity, i.id)
        ) with ordinality as e (error, ordinality);
        if pg_catalog.jsonb_array_length(v_errors) > 0 then
            return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
        end if;
    end if;

    v_log_ids := array(
        select private.enqueue_sync_run(
            v_integration.id, v_feature.id, 'on_manual', v_feature.server_action, v_feature.entity_type, i.id,
            pg_catalog.jsonb_build_object('feature', v_feature.key, 'entity_id', i.id), (select private.caller_uid())
        )
        from pg_catalog.unnest(coalesce(v_ids, array[null]::text [])) with ordinality as i (id, ordinality)
        order by i.ordinality
    );
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.to_jsonb(v_log_ids), 'errors', '[]'::jsonb
    );
end
$$;

comment on function public.integration_request_sync(uuid, text, text[]) is
'Runs a feature now (on_manual) for the whole project or some records: {queued, log_ids, errors}. '
'Needs integration:sync:<provider>. See docs/rpc.md.';

revoke all on function public.integration_request_sync(uuid, text, text[]) from public, anon;

grant execute on function public.integration_request_sync(uuid, text, text[]) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_send_to.sql

-- integration_send_to(provider, entity type, entity id): the original design's "Send To"
-- button. One relationship or transaction goes to one provider through every enabled
-- outbound feature that takes it (a relationship that is both supplier and customer goes
-- as a QuickBooks Vendor and a Customer). Needs integration:sync:<provider>. Each feature's
-- client validation runs first; if any refuses, nothing is written and its errors return.
-- Returns {"queued": bool, "log_ids": [uuid, ...], "errors": [{entity_id, feature, code,
-- field, message}]}. Raises PB422 (entity type not relationship / transaction), PB404
-- (unknown provider, or no such record in a project you belong to), PB409 (the project has
-- no such integration or it is off), PB403 (no permission).
create or replace function public.integration_send_to(p_provider text, p_entity_type text, p_entity_id uuid)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_entity text := case p_entity_type
        when 'relationship' then 'project_relationships'
        when 'transaction' then 'transactions'
    end;
    v_provider public.integration_providers;
    v_project_id uuid;
    v_integration public.project_integrations;
    v_row jsonb;
    v_features public.integration_features [];
    v_errors jsonb;
    v_log_ids uuid [];
begin
    if v_entity is null then
        raise exception using errcode = 'PB422', message = format(
            'entity type "%s": use relationship or transaction', coalesce(private.input_excerpt(p_entity_type), 'null'));
    end if;
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null'));
    end if;
    v_project_id := private.entity_project_id(v_entity, p_entity_id);
    if v_project_id is null or not private.rpc_sees_project(v_project_id) then
        raise exception using errcode = 'PB404', message = format(
            'no %s %s in a project you belong to', p_entity_type, coalesce(p_entity_id::text, 'null'));
    end if;
    select pi.* into v_integration
    from public.project_integrations as pi
    where pi.project_id = v_project_id and pi.provider_id = v_provider.id;
    if not found then
        raise exception using errcode = 'PB409', message = format('this project has no %s integration', v_provider.name);
    end if;
    v_integration := private.rpc_integration(v_integration.id, 'integration:sync:<provider>');
    if not v_integration.is_enabled then
        raise exception using errcode = 'PB409', message = format('%s is switched off for this project', v_provider.name);
    end if;

    -- the features that would push it: outbound, guarded, watching this table, filter
    -- matched on everything but status (the validation reports status itself)
    execute format('select pg_catalog.to_jsonb(r) from public.%I as r where r.id = $1', v_entity)
    into v_row using p_entity_id;
    select pg_catalog.array_agg(f order by f.sort_order) into v_features
    from public.v_project_integration_features as s
    inner join public.integration_features as f on s.feature_id = f.id
    where s.project_integration_id = v_integration.id
        and s.is_enabled
        and f.validation_action is not null
        and f.sync_direction <> 'inbound'
        and s.trigger_config ->> 'entity' = v_entity
        and pg_catalog.cardinality(
            private.filter_mismatches(s.trigger_config -> 'filter', v_row, array['status'])
        ) = 0;
    if v_features is null then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors',
            pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('entity_id', p_entity_id, 'feature', null)
                || private.client_action_error('no_feature_covers', 'entity_type', format(
                    'No enabled %s feature sends this %s', v_provider.name, p_entity_type))));
    end if;

    select coalesce(pg_catalog.jsonb_agg(e.error order by i.i, e.ordinality), '[]') into v_errors
    from pg_catalog.generate_subscripts(v_features, 1) as i (i)
    cross join lateral pg_catalog.jsonb_array_elements(
        private.send_errors(v_integration, v_features[i.i], v_entity, p_entity_id::text)
    ) with ordinality as e (error, ordinality);
    if pg_catalog.jsonb_array_length(v_errors) > 0 then
        return pg_catalog.jsonb_build_object('queued', false, 'log_ids', '[]'::jsonb, 'errors', v_errors);
    end if;

    v_log_ids := array(
        select private.enqueue_sync_run(
            v_integration.id, (v_features[i.i]).id, 'on_manual', (v_features[i.i]).server_action,
            (v_features[i.i]).entity_type, p_entity_id::text,
            pg_catalog.jsonb_build_object('feature', (v_features[i.i]).key, 'entity_id', p_entity_id),
            (select private.caller_uid())
        )
        from pg_catalog.generate_subscripts(v_features, 1) as i (i)
        order by i.i
    );
    return pg_catalog.jsonb_build_object(
        'queued', true, 'log_ids', pg_catalog.to_jsonb(v_log_ids), 'errors', '[]'::jsonb
    );
end
$$;

comment on function public.integration_send_to(text, text, uuid) is
'"Send To": pushes one relationship or transaction to a provider after its client validation: '
'{queued, log_ids, errors}. Needs integration:sync:<provider>. See docs/rpc.md.';

revoke all on function public.integration_send_to(text, text, uuid) from public, anon;

grant execute on function public.integration_send_to(text, text, uuid) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_set_api_key.sql

-- integration_set_api_key: sets or replaces an API-key provider's global key (Companies
-- House). For a trusted server (service_role) only, never a client app. The key goes to
-- Vault; the answer names the credential and never echoes the key. A new key is untested:
-- its status comes from a real call (`plugboard credentials set-companies-house-key` makes
-- it at once; the provider's testConnection action any time after).
create function public.integration_set_api_key(p_provider_key text, p_api_key text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
    v_method public.integration_auth_method;
    v_scope public.integration_credential_scope;
    v_key text := pg_catalog.btrim(p_api_key);
    v_credential_id uuid;
begin
    select p.auth_method, p.credential_scope into v_method, v_scope
    from public.integration_providers as p where p.key = p_provider_key;
    if v_method is null then
        raise exception using errcode = 'PB404', message = format('no provider "%s"', p_provider_key);
    end if;
    if v_method <> 'api_key' or v_scope <> 'global' then
        raise exception using errcode = 'PB400',
            message = format('%s does not use a global API key', p_provider_key);
    end if;
    if v_key is null or v_key = '' or v_key ~ '\s' or pg_catalog.length(v_key) > 200 then
        raise exception using errcode = 'PB400',
            message = 'an API key is one word of at most 200 characters';
    end if;
    v_credential_id := private.save_credential(
        p_provider_key, null, pg_catalog.jsonb_build_object('api_key', v_key)
    );
    update public.integration_credentials as c set verified_at = null where c.id = v_credential_id;
    return pg_catalog.jsonb_build_object(
        'credential_id', v_credential_id, 'provider_key', p_provider_key, 'tested', false
    );
end
$$;

comment on function public.integration_set_api_key(text, text) is
'service_role only: sets or replaces a provider''s global API key (stored in Vault). '
'Returns the credential id, never the key.';

revoke all on function public.integration_set_api_key(text, text) from public, anon, authenticated;

grant execute on function public.integration_set_api_key(text, text) to service_role;

-- supabase/schemas/core/functions/public.integration_set_enabled.sql

-- The Configuration page's RPCs (integration:manage): switch a project's integration on or
-- off, switch a feature on or off, override a feature's trigger. The feature RPCs are
-- security invoker (the caller's RLS and column grants apply to the write as well);
-- integration_set_enabled is security definer because it may create the project's
-- integration row and sets enabled_by, which clients cannot write themselves. The explicit
-- checks turn "0 rows" into errors a UI can show (PB404 unknown provider / integration / feature, PB403 no permission,
-- PB409 a provider that does not cover the project's country, PB400 a bad trigger config).
-- Each returns the row as v_project_integrations / v_project_integration_features show it.
create or replace function public.integration_set_enabled(p_project_id uuid, p_provider text, p_enabled boolean)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_provider public.integration_providers;
    v_country text;
begin
    select p.* into v_provider from public.integration_providers as p where p.key = p_provider and p.is_active;
    if not found then
        raise exception using errcode = 'PB404',
            message = format('unknown provider "%s"', coalesce(private.input_excerpt(p_provider), 'null'));
    end if;
    if p_enabled is null then
        raise exception using errcode = 'PB422', message = 'enabled: give true or false';
    end if;
    if not private.rpc_may(p_project_id, 'integration:manage') then
        raise exception using errcode = 'PB403',
            message = 'you need the integration:manage permission in this project';
    end if;
    if p_enabled then
        select pr.country_code into v_country from public.projects as pr where pr.id = p_project_id;
        if not exists (
            select from public.integration_provider_countries as c
            where c.provider_id = v_provider.id and c.country_code = v_country
        ) then
            raise exception using errcode = 'PB409', message = format(
                '%s does not cover projects in %s (it covers %s)', v_provider.name, coalesce(v_country, 'no country'),
                (
                    select pg_catalog.string_agg(c.country_code, ', ' order by c.country_code)
                    from public.integration_provider_countries as c where c.provider_id = v_provider.id
                ));
        end if;
    end if;
    insert into public.project_integrations as pi (project_id, provider_id, is_enabled, enabled_by)
    values (p_project_id, v_provider.id, p_enabled, 'manual')
    on conflict (project_id, provider_id) do update
    set is_enabled = excluded.is_enabled, enabled_by = 'manual';
    return (
        select pg_catalog.to_jsonb(v) from public.v_project_integrations as v
        where v.project_id = p_project_id and v.provider_id = v_provider.id
    );
end
$$;

revoke all on function public.integration_set_enabled(uuid, text, boolean) from public, anon;

grant execute on function public.integration_set_enabled(uuid, text, boolean) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_sync_log_status.sql

create function public.integration_sync_log_status(p_log_ids uuid[])
returns table (
    id uuid,
    status public.sync_status,
    is_final boolean,
    attempt integer,
    records_processed integer,
    records_failed integer,
    error_code text,
    error_message text,
    started_at timestamptz,
    finished_at timestamptz,
    duration_ms bigint
)
language sql stable security invoker
set search_path = ''
as $$
    select
        l.id,
        l.status,
        l.status in ('success', 'partial_success', 'failed'),
        l.attempt,
        l.records_processed,
        l.records_failed,
        l.error_code,
        l.error_message,
        l.started_at,
        l.finished_at,
        l.duration_ms
    from public.integration_sync_logs as l
    where l.id = any (p_log_ids)
$$;

comment on function public.integration_sync_log_status(uuid[]) is
'Where the given sync runs are (poll until is_final); RLS applies (integration:logs:view).';

revoke all on function public.integration_sync_log_status(uuid[]) from public, anon;

grant execute on function public.integration_sync_log_status(uuid[]) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_sync_logs_page.sql

create or replace function public.integration_sync_logs_page(
    p_project_id uuid,
    p_filters jsonb default '{}',
    p_after_created_at timestamptz default null,
    p_after_id uuid default null,
    p_limit integer default 50
)
returns setof public.v_integration_sync_logs
language plpgsql stable security invoker
set search_path = ''
as $$
declare
    v_filters jsonb := coalesce(p_filters, '{}');
    v_key text;
    v_where text := 'l.project_id = $1';
begin
    if pg_catalog.jsonb_typeof(v_filters) <> 'object' then
        raise exception using errcode = 'PB422', message = 'filters: a JSON object';
    end if;
    for v_key in select pg_catalog.jsonb_object_keys(v_filters) loop
        if v_key not in (
            'provider', 'feature_id', 'status', 'trigger_type', 'from', 'to', 'entity_type', 'entity_id'
        ) then
            raise exception using errcode = 'PB422', message = format('filters.%s: unknown filter', private.input_excerpt(v_key)),
                hint = 'filters: provider, feature_id, status, trigger_type, from, to, entity_type, entity_id';
        end if;
    end loop;
    perform private.logs_filters_check(v_filters);
    if (p_after_created_at is null) <> (p_after_id is null) then
        raise exception using errcode = 'PB422',
            message = 'p_after_created_at and p_after_id: give both (the last row of a page) or neither';
    end if;
    if v_filters ? 'provider' then
        v_where := v_where || ' and l.project_integration_id = any (array(select pi.id'
            || ' from public.project_integrations as pi inner join public.integration_providers as p'
            || ' on pi.provider_id = p.id where pi.project_id = $1 and p.key = any ($2)))';
    end if;
    if v_filters ? 'feature_id' then
        v_where := v_where || ' and l.feature_id = ($3 ->> ''feature_id'')::uuid';
    end if;
    if v_filters ? 'status' then
        v_where := v_where || ' and l.status = any ($4::public.sync_status [])';
    end if;
    if v_filters ? 'trigger_type' then
        v_where := v_where || ' and l.trigger_type = any ($5::public.sync_trigger_type [])';
    end if;
    if v_filters ? 'from' then
        v_where := v_where || ' and l.created_at >= ($3 ->> ''from'')::timestamptz';
    end if;
    if v_filters ? 'to' then
        v_where := v_where || ' and l.created_at < ($3 ->> ''to'')::timestamptz';
    end if;
    if v_filters ? 'entity_type' then
        v_where := v_where || ' and l.entity_type = $3 ->> ''entity_type''';
    end if;
    if v_filters ? 'entity_id' then
        v_where := v_where || ' and l.entity_id = $3 ->> ''entity_id''';
    end if;
    if p_after_id is not null then
        v_where := v_where || ' and (l.created_at, l.id) < ($6, $7)';
    end if;
    return query execute
        'select v.* from (select l.id, l.created_at from public.integration_sync_logs as l where '
        || v_where
        || ' order by l.created_at desc, l.id desc limit $8) as page'
        || ' inner join public.v_integration_sync_logs as v on page.id = v.id'
        || ' order by page.created_at desc, page.id desc'
    using
        p_project_id,
        private.logs_filter_values(v_filters, 'provider'),
        v_filters,
        private.logs_filter_values(v_filters, 'status'),
        private.logs_filter_values(v_filters, 'trigger_type'),
        p_after_created_at,
        p_after_id,
        least(greatest(coalesce(p_limit, 50), 1), 200);
end
$$;

comment on function public.integration_sync_logs_page(uuid, jsonb, timestamptz, uuid, integer) is
'A page of the project''s sync logs, newest first (keyset: pass the last row''s created_at '
'and id for the next page), filtered by provider, feature_id, status, trigger_type, from, to, '
'entity_type, entity_id. RLS applies (integration:logs:view). At most 200 rows a page.';

revoke all on function public.integration_sync_logs_page(
    uuid, jsonb, timestamptz, uuid, integer
) from public, anon;

grant execute on function public.integration_sync_logs_page(
    uuid, jsonb, timestamptz, uuid, integer
) to authenticated, service_role;

-- supabase/schemas/core/functions/public.integration_unlink_record.sql

create function public.integration_unlink_record(
    p_project_integration_id uuid, p_entity_type text, p_internal_id uuid
)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations := private.rpc_integration(
        p_project_integration_id, 'integration:manage'
    );
    v_mapping_id uuid;
begin
    perform private.require_mapping_kind(p_entity_type, true);
    delete from public.integration_entity_mappings as m
    where m.project_integration_id = v_integration.id and m.entity_type = p_entity_type
        and m.internal_id = p_internal_id::text
    returning m.id into v_mapping_id;
    return pg_catalog.jsonb_build_object('unlinked', v_mapping_id is not null, 'mapping_id', v_mapping_id);
end
$$;

comment on function public.integration_unlink_record(uuid, text, uuid) is
'Removes the hand or sync link of a host record: {unlinked, mapping_id}. Needs integration:manage.';

revoke all on function public.integration_unlink_record(uuid, text, uuid) from public, anon;

grant execute on function public.integration_unlink_record(uuid, text, uuid) to authenticated, service_role;

-- supabase/schemas/core/views/public.v_project_integrations.sql

-- What the host app's Integrations pages read. security_invoker: the caller's RLS applies.
create view public.v_project_integrations
with (security_invoker = true) as
select
    pi.id,
    pi.project_id,
    pi.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    p.description as provider_description,
    p.auth_method,
    p.credential_scope,
    p.auto_enable_for_country,
    array(
        select c.country_code
        from public.integration_provider_countries as c
        where c.provider_id = p.id
        order by c.country_code
    ) as country_codes,
    pi.status,
    pi.is_enabled,
    pi.enabled_by,
    pi.external_account_id,
    pi.external_account_name,
    pi.connected_at,
    pi.connection_expires_at,
    -- a reconnect is needed within 14 days (refresh token / grant hard expiry)
    coalesce(pi.connection_expires_at < now() + interval '14 days', false)
        as connection_expiry_warning,
    pi.last_error_code,
    pi.last_error_message,
    pi.last_error_at,
    (
        select count(*)
        from public.integration_features as f
        left join public.project_integration_features as pif
            on f.id = pif.feature_id and pif.project_integration_id = pi.id
        where f.provider_id = pi.provider_id and f.is_active and coalesce(pif.is_enabled, true)
    ) as enabled_feature_count,
    pi.created_at,
    pi.updated_at
from public.project_integrations as pi
inner join public.integration_providers as p on pi.provider_id = p.id;

revoke all on public.v_project_integrations from anon;

grant select on public.v_project_integrations to authenticated, service_role;

revoke insert, update, delete on public.v_project_integrations from authenticated;
