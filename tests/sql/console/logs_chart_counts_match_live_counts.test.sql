-- Proves: public.integration_sync_log_outcomes (the Logs page's 30-day chart) answers what a
-- live count of the project's logs answers — on the first call (which caches the closed
-- days, a day without runs included), after a late insert, a status change across
-- midnight, a delete and a created_at moved between days (each drops its day's counts,
-- the next call counts the day again); today's inserts and status updates never call the
-- invalidating trigger; a member without integration:logs:view, a stranger (owner of
-- another project) and an unknown project id all get the same PB403 and no rows, anon
-- cannot call it; bad p_days is PB422; clients cannot read or write the cache directly; a
-- read-only transaction gets the live count and caches nothing.
begin;
select plan(24);
select tests.create_engine_fixture();
select tests.create_user('chart_owner');
select tests.create_user('chart_member');
select tests.create_user('chart_stranger');
select tests.add_member(tests.id('eng_project'), 'chart_owner', 'project:owner');
select tests.add_member(tests.id('eng_project'), 'chart_member', 'project:member');
insert into public.projects (id, name, country_code) values (tests.id('chart_other'), 'Other', 'FR');
select tests.add_member(tests.id('chart_other'), 'chart_stranger', 'project:owner');
set local track_functions = 'pl';

-- n days ago (UTC) at hour h
create function pg_temp.at_day(n integer, h integer default 12)
returns timestamptz
language sql stable
as $$ select ((now() at time zone 'UTC')::date - n + make_interval(hours => h)) at time zone 'UTC' $$;

-- what the chart should show: a live count through RLS, as the caller
create function pg_temp.live()
returns table (day date, status text, runs bigint)
language sql stable
as $$
    select (l.created_at at time zone 'UTC')::date, l.status::text, count(*)
    from public.integration_sync_logs as l
    where l.project_id = tests.id('eng_project')
        and l.created_at >= ((now() at time zone 'UTC')::date - 29)::timestamp at time zone 'UTC'
    group by 1, 2
    order by 1, 2
$$;

create function pg_temp.log(p_name text, p_created_at timestamptz, p_status text default 'success')
returns void
language sql
as $$
    insert into public.integration_sync_logs (
        id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, status,
        action, error_message, created_at
    ) values (
        tests.id(p_name), tests.id('eng_project'), tests.id('eng_integration'), tests.id('eng_provider'),
        tests.id('eng_manual'), 'on_manual', 'inbound', p_status::public.sync_status, 'act',
        case when p_status = 'failed' then 'it failed' end, p_created_at
    )
$$;

-- calls of the invalidating trigger function in this transaction
create function pg_temp.trigger_calls()
returns bigint
language sql stable
as $$
    select coalesce((select f.calls from pg_stat_xact_user_functions as f
        where f.funcid = 'private.tg_integration_sync_logs__drop_day_counts()'::regprocedure), 0)
$$;

-- 40 days of runs (some before the window), none 5 days ago, two statuses, today's too;
-- another project's runs, which the chart never counts
select pg_temp.log('chart_log_' || n || '_' || k, pg_temp.at_day(n, k), case when k % 3 = 0 then 'failed' else 'success' end)
from generate_series(0, 40) as n, generate_series(1, 1 + n % 4) as k
where n <> 5;
insert into public.integration_sync_logs (project_id, provider_id, trigger_type, direction, status, action, created_at)
select tests.id('chart_other'), tests.id('eng_provider'), 'on_manual', 'inbound', 'success', 'act', pg_temp.at_day(n)
from generate_series(0, 10) as n;

select tests.authenticate_as('chart_owner');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''))',
    'select * from pg_temp.live()', 'the first call: what a live count shows');
select tests.clear_authentication();
select is(
    (select count(distinct k.day)::integer from private.sync_log_day_counts as k where k.project_id = tests.id('eng_project')),
    ((clock_timestamp() - interval '1 hour') at time zone 'UTC')::date - ((now() at time zone 'UTC')::date - 29),
    'every closed day of the window is cached (today is not)'
);
select is(
    (select array_agg(k.runs order by k.status) from private.sync_log_day_counts as k
     where k.project_id = tests.id('eng_project') and k.day = (now() at time zone 'UTC')::date - 5),
    array[0, 0, 0, 0, 0]::bigint[],
    'a day without runs is cached too (one zero per status), so it is not counted again'
);
select is(
    (select count(*)::integer from private.sync_log_day_counts as k where k.project_id = tests.id('chart_other')),
    0, 'another project''s days are not touched'
);

-- the hot path: today's run inserted, then finishing: the trigger function is not called
select cmp_ok(pg_temp.trigger_calls(), '>', 0::bigint,
    'the setup''s logs of closed days called the trigger function (the count works)');
create temporary table calls_before on commit drop as select pg_temp.trigger_calls() as calls;
select pg_temp.log('chart_today', now(), 'pending');
update public.integration_sync_logs set status = 'in_progress', started_at = now() where id = tests.id('chart_today');
update public.integration_sync_logs set status = 'success', finished_at = now() where id = tests.id('chart_today');
select is(pg_temp.trigger_calls() - (select c.calls from calls_before as c), 0::bigint,
    'inserting today''s run and changing its status twice never calls the trigger function');

-- a late insert into a closed day
select pg_temp.log('chart_late', pg_temp.at_day(3), 'failed');
select is(pg_temp.trigger_calls() - (select c.calls from calls_before as c), 1::bigint,
    'a log inserted into a closed day calls it once');
select is(
    (select count(*)::integer from private.sync_log_day_counts as k
     where k.project_id = tests.id('eng_project') and k.day = (now() at time zone 'UTC')::date - 3),
    0, 'and drops that day''s counts'
);
select tests.authenticate_as('chart_owner');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''))',
    'select * from pg_temp.live()', 'after a late insert: the live count again');
select tests.clear_authentication();

-- a run created before midnight that finishes after it
select pg_temp.log('chart_overnight', pg_temp.at_day(1, 23), 'in_progress');
select tests.authenticate_as('chart_owner');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''))',
    'select * from pg_temp.live()', 'a run of yesterday still in progress is counted as such');
select tests.clear_authentication();
update public.integration_sync_logs set status = 'success' where id = tests.id('chart_overnight');
select tests.authenticate_as('chart_owner');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''))',
    'select * from pg_temp.live()', 'and as succeeded once it finishes after midnight');
select tests.clear_authentication();

-- a delete, and a log moved from one closed day to another
delete from public.integration_sync_logs where id = tests.id('chart_log_12_1');
update public.integration_sync_logs set created_at = pg_temp.at_day(20) where id = tests.id('chart_log_14_2');
select tests.authenticate_as('chart_owner');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''))',
    'select * from pg_temp.live()', 'after a delete and a move between days: the live count again');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''), 7)',
    'select * from pg_temp.live() as l where l.day > (now() at time zone ''UTC'')::date - 7',
    'p_days 7: the last seven days');
select throws_ok('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''), 0)',
    'PB422', 'p_days: a number of days from 1 to 366', 'p_days 0: PB422');
select tests.clear_authentication();

-- who may not
select is(tests.outcome('chart_member', format('select count(*) from public.integration_sync_log_outcomes(%L)',
    tests.id('eng_project'))),
    'PB403: you need the integration:logs:view permission in this project',
    'a member without integration:logs:view: PB403, no rows');
select is(tests.outcome('chart_stranger', format('select count(*) from public.integration_sync_log_outcomes(%L)',
    tests.id('eng_project'))),
    'PB403: you need the integration:logs:view permission in this project',
    'the owner of another project: the same PB403');
select is(tests.outcome('chart_owner', format('select count(*) from public.integration_sync_log_outcomes(%L)',
    gen_random_uuid())),
    'PB403: you need the integration:logs:view permission in this project',
    'a project that does not exist: the same PB403');
select is(tests.outcome('anon', format('select count(*) from public.integration_sync_log_outcomes(%L)',
    tests.id('eng_project'))), 'permission denied', 'anon cannot call it');

-- the cache itself: no client reads or writes it
select is(tests.outcome('chart_owner', 'select count(*) from private.sync_log_day_counts'), 'permission denied',
    'the owner cannot read the cache directly');
select is(tests.outcome('chart_owner', format(
    'insert into private.sync_log_day_counts values (%L, current_date - 3, ''success'', 1000)', tests.id('eng_project'))),
    'permission denied', 'nor write it');
select is(tests.outcome('anon', 'select count(*) from private.sync_log_day_counts'), 'permission denied',
    'anon cannot read it');
select is(tests.outcome('service_role', 'delete from private.sync_log_day_counts'), 'permission denied',
    'service_role neither: the RPC is the way in');

-- a read-only transaction may not fill the cache: missing days are counted live, kept nowhere
delete from private.sync_log_day_counts as k where k.project_id = tests.id('eng_project');
set transaction read only;
select tests.authenticate_as('chart_owner');
select results_eq('select * from public.integration_sync_log_outcomes(tests.id(''eng_project''))',
    'select * from pg_temp.live()', 'read only: the live count still');
select tests.clear_authentication();
select is((select count(*)::integer from private.sync_log_day_counts as k where k.project_id = tests.id('eng_project')),
    0, 'and nothing cached');

select * from finish();
rollback;
