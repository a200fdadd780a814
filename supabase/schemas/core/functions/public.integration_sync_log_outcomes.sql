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
