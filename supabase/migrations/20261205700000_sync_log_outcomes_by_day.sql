-- The Logs page's chart at millions of log rows (issue #23): closed days' counts cached in
-- private.sync_log_day_counts, dropped by a trigger only a write to a closed day calls,
-- read through public.integration_sync_log_outcomes (today counted live).

-- The Logs page's 30-day chart at millions of log rows (issue #23): runs per project, UTC day
-- and status for CLOSED days only (before today), filled by
-- public.integration_sync_log_outcomes the first time a day is asked for and dropped by
-- private.tg_integration_sync_logs__drop_day_counts when a log of a closed day changes.
-- Today is always counted live, so the engine's hot path (today's inserts and status
-- updates) never writes here and concurrent runs never queue on a shared counter row.
-- A counted day holds one row per status, zeros included: a day with rows is counted (even
-- a day without a run, which is not recounted on every call), a day without rows is not.
create table private.sync_log_day_counts (
    project_id uuid not null references public.projects (id) on delete cascade,
    day date not null,
    status public.sync_status not null,
    runs bigint not null check (runs >= 0),
    primary key (project_id, day, status)
);

comment on table private.sync_log_day_counts is
'Runs per project, closed UTC day and status (the Logs chart''s cache); one row per status '
'of a counted day, zeros included. Read through public.integration_sync_log_outcomes only.';

revoke all on table private.sync_log_day_counts from public, anon, authenticated, service_role;

-- The advisory lock that orders a fill of private.sync_log_day_counts against writes of a
-- closed day's logs in one project: the fill holds it exclusively, the invalidating
-- trigger shared (writers never wait for one another). A fill so either counts a write or
-- is deleted by it afterwards; without it a fill's snapshot could miss a write whose
-- invalidation ran before the fill's rows existed, and the stale count would stay.
create function private.sync_log_day_counts_lock(p_project_id uuid)
returns bigint
language sql immutable parallel safe
set search_path = ''
as $$
    select pg_catalog.hashtextextended('sync_log_day_counts:' || p_project_id::text, 0)
$$;

revoke all on function private.sync_log_day_counts_lock(uuid) from public;

-- Runs of a project per UTC day and status on the given days, counted from
-- public.integration_sync_logs: every (day, status) pair, zeros included. One index-only
-- range scan per pair (integration_sync_logs_project_status_time_idx), so a day costs its
-- own rows, whatever else the project holds.
create function private.sync_log_counts(p_project_id uuid, p_days date[])
returns table (day date, status public.sync_status, runs bigint)
language sql stable
set search_path = ''
as $$
    select d.day, s.status, c.runs
    from pg_catalog.unnest(p_days) as d (day)
    cross join pg_catalog.unnest(pg_catalog.enum_range(null::public.sync_status)) as s (status)
    cross join lateral (
        select pg_catalog.count(*) as runs
        from public.integration_sync_logs as l
        where l.project_id = p_project_id
            and l.status = s.status
            and l.created_at >= d.day::timestamp at time zone 'UTC'
            and l.created_at < (d.day + 1)::timestamp at time zone 'UTC'
    ) as c
$$;

revoke all on function private.sync_log_counts(uuid, date[]) from public;

-- A log of a closed UTC day that is inserted late (a bulk load), deleted, changes status
-- (a run created before midnight that ends after it) or moves project or created_at:
-- its old and new day's cached counts (private.sync_log_day_counts) are dropped, and the
-- next chart counts those days again. The triggers' WHEN clauses leave today's logs out,
-- so the engine's inserts and status updates never call this.
create function private.tg_integration_sync_logs__drop_day_counts()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform pg_catalog.pg_advisory_xact_lock_shared(private.sync_log_day_counts_lock(old.project_id));
        delete from private.sync_log_day_counts as c
        where c.project_id = old.project_id and c.day = (old.created_at at time zone 'UTC')::date;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        perform pg_catalog.pg_advisory_xact_lock_shared(private.sync_log_day_counts_lock(new.project_id));
        delete from private.sync_log_day_counts as c
        where c.project_id = new.project_id and c.day = (new.created_at at time zone 'UTC')::date;
    end if;
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__drop_day_counts() from public;

-- The Logs page's chart (issue #23): a project's runs per UTC day and status over the last
-- p_days days, today included, for members with integration:logs:view (PB403 otherwise, the
-- same for a project that does not exist). Closed days come from
-- private.sync_log_day_counts; those not counted yet are counted in one statement and kept
-- (a fill once a day per project, and again after a late write drops a day). Today, and
-- yesterday during the first hour after midnight UTC, are counted live: a transaction
-- still open at midnight may yet commit a log of yesterday that its trigger saw as today's.
-- Security definer: clients may not read or write the cache.
create function public.integration_sync_log_outcomes(p_project_id uuid, p_days integer default 30)
returns table (day date, status text, runs bigint)
language plpgsql security definer
set search_path = ''
as $$
declare
    v_now timestamptz := pg_catalog.clock_timestamp();
    v_today date := (v_now at time zone 'UTC')::date;
    v_live_from date := ((v_now - interval '1 hour') at time zone 'UTC')::date;
    v_first date;
    v_missing date[];
begin
    if not private.rpc_may(p_project_id, 'integration:logs:view') then
        raise exception using errcode = 'PB403',
            message = 'you need the integration:logs:view permission in this project';
    end if;
    if p_days is null or p_days not between 1 and 366 then
        raise exception using errcode = 'PB422', message = 'p_days: a number of days from 1 to 366',
            hint = 'The chart shows the last 30 days (p_days 30).';
    end if;
    v_first := v_today - (p_days - 1);
    v_missing := array(
        select v_first + i
        from pg_catalog.generate_series(0, v_live_from - v_first - 1) as i
        where not exists (
            select from private.sync_log_day_counts as k
            where k.project_id = p_project_id and k.day = v_first + i
        )
    );
    -- a fill's count must see every write that came before its lock: a statement's own
    -- snapshot (read committed) does, a repeatable read transaction's may not; a read-only
    -- transaction cannot write. Those count the missing days live and keep nothing.
    if pg_catalog.cardinality(v_missing) > 0
        and pg_catalog.current_setting('transaction_isolation') = 'read committed'
        and pg_catalog.current_setting('transaction_read_only') = 'off' then
        perform pg_catalog.pg_advisory_xact_lock(private.sync_log_day_counts_lock(p_project_id));
        insert into private.sync_log_day_counts (project_id, day, status, runs)
        select p_project_id, c.day, c.status, c.runs
        from private.sync_log_counts(p_project_id, v_missing) as c
        on conflict do nothing;
        v_missing := '{}';
    end if;
    return query
    select k.day, k.status::text, k.runs
    from private.sync_log_day_counts as k
    where k.project_id = p_project_id and k.day >= v_first and k.day < v_live_from and k.runs > 0
    union all
    select c.day, c.status::text, c.runs
    from private.sync_log_counts(
        p_project_id,
        v_missing || array(
            select v_first + i from pg_catalog.generate_series(greatest(v_live_from - v_first, 0), p_days - 1) as i
        )
    ) as c
    where c.runs > 0
    order by 1, 2;
end
$$;

comment on function public.integration_sync_log_outcomes(uuid, integer) is
'Runs per UTC day and status of the project over the last p_days days (default 30, today '
'included), for members with integration:logs:view. Closed days are cached and recounted '
'only after a write to them.';

revoke all on function public.integration_sync_log_outcomes(uuid, integer) from public, anon;

grant execute on function public.integration_sync_log_outcomes(uuid, integer) to authenticated, service_role;

-- The chart's cache of closed days (private.sync_log_day_counts): only a log of a day
-- before today (UTC, by the clock, not the transaction's start) calls the function; the
-- engine's inserts and status updates of today's runs stop at the WHEN clause. Today's
-- midnight (UTC) is date_bin from the epoch: plain arithmetic, where date_trunc with a
-- zone looks the zone up on every row.
create trigger "60_drop_day_counts_insert"
after insert on public.integration_sync_logs
for each row
when (new.created_at < pg_catalog.date_bin('1 day', pg_catalog.clock_timestamp(), '1970-01-01 00:00Z'))
execute function private.tg_integration_sync_logs__drop_day_counts();

create trigger "60_drop_day_counts_update"
after update on public.integration_sync_logs
for each row
when (
    (
        old.status is distinct from new.status
        or old.project_id is distinct from new.project_id
        or old.created_at is distinct from new.created_at
    )
    and least(old.created_at, new.created_at)
    < pg_catalog.date_bin('1 day', pg_catalog.clock_timestamp(), '1970-01-01 00:00Z')
)
execute function private.tg_integration_sync_logs__drop_day_counts();

create trigger "60_drop_day_counts_delete"
after delete on public.integration_sync_logs
for each row
when (old.created_at < pg_catalog.date_bin('1 day', pg_catalog.clock_timestamp(), '1970-01-01 00:00Z'))
execute function private.tg_integration_sync_logs__drop_day_counts();
