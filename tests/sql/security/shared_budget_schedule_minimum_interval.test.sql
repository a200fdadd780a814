-- Proves: a provider whose API budget every tenant shares has a minimum schedule interval
-- in the catalogue (Companies House: 1 hour; QuickBooks, per project: none). A project's
-- schedule firing closer than that is refused with PB400 naming the minimum and what to
-- write instead; an hourly one is accepted; a per-project provider takes any valid cron.
-- Rows written before the rule (every minute) are clamped wherever next_run_at is
-- computed: by the planner, by switching the feature back on and by reconnecting.
begin;
select plan(17);
select tests.companies_house_fixture();

create or replace function pg_temp.refresh_row() returns public.project_integration_features
language sql as $$
    select pif.* from public.project_integration_features as pif
    join public.integration_features as f on f.id = pif.feature_id
    where pif.project_integration_id = tests.integration_id('ca_project', 'companies_house')
        and f.key = 'company_refresh'
$$;

create or replace function pg_temp.set_refresh_schedule(p_cron text) returns void
language sql as $$
    update public.project_integration_features as pif
    set trigger_config = pg_catalog.jsonb_build_object('entity', 'projects', 'schedule', p_cron)
    where pif.id = (pg_temp.refresh_row()).id
$$;

select is(
    (select pg_catalog.jsonb_object_agg(p.key, p.min_schedule_interval) from public.integration_providers as p
     where p.key in ('companies_house', 'quickbooks', 'hmrc')),
    '{"companies_house": "01:00:00", "quickbooks": null, "hmrc": null}'::jsonb,
    'the catalogue: Companies House schedules at most hourly; per-project budgets have no minimum'
);

-- does the cron fire more often than the interval, anywhere in the year
select is(private.cron_runs_closer_than('* * * * *', interval '1 hour'), true, 'every minute < 1 hour');
select is(private.cron_runs_closer_than('*/30 * * * *', interval '1 hour'), true, 'every 30 minutes < 1 hour');
select is(private.cron_runs_closer_than('0 * * * *', interval '1 hour'), false, 'hourly is not closer than 1 hour');
select is(private.cron_runs_closer_than('0 9,10 * * *', interval '1 hour'), false, '09:00 and 10:00: 1 hour apart');
select is(private.cron_runs_closer_than('0 0,23 * * *', interval '2 hours'), true,
    '23:00 to 00:00 the next day is 1 hour');
select is(private.cron_runs_closer_than('0 0,23 * * 1', interval '2 hours'), false,
    'Mondays only: 23:00 is not followed by a run the next day');
select is(private.cron_runs_closer_than('0 0,23 * * 1,2', interval '2 hours'), true,
    'Monday 23:00 to Tuesday 00:00');
select is(private.cron_runs_closer_than('0 3 * * 1,3', interval '2 days'), false, 'Monday and Wednesday: 2 days apart');
select is(private.cron_runs_closer_than('0 3 * * 1,3', interval '3 days'), true, 'Monday and Wednesday: < 3 days');

-- a project's schedule against the catalogue's minimum
select is(
    tests.error_of($$select pg_temp.set_refresh_schedule('*/5 * * * *')$$),
    'PB400: trigger_config.schedule: "*/5 * * * *" runs more often than once every 1 hour, '
    || 'the least interval for Companies House (its API budget is shared by every project); '
    || 'write a schedule whose runs are at least 1 hour apart, such as "0 * * * *"',
    'Companies House every 5 minutes: PB400 naming the minimum and what to write instead'
);
select lives_ok($$select pg_temp.set_refresh_schedule('17 * * * *')$$, 'Companies House hourly: accepted');
select lives_ok(
    $$update public.project_integration_features as pif
      set trigger_type = 'on_schedule', trigger_config = '{"entity": "projects", "schedule": "*/5 * * * *"}'
      from public.integration_features as f
      where f.id = pif.feature_id and f.key = 'chart_of_accounts'
          and pif.project_integration_id = tests.integration_id('ca_project', 'quickbooks')$$,
    'QuickBooks (a budget per company) every 5 minutes: accepted'
);

-- a row written before the rule: every minute
alter table public.project_integration_features disable trigger "20_check_trigger_config";
select pg_temp.set_refresh_schedule('* * * * *');
alter table public.project_integration_features enable trigger "20_check_trigger_config";

update public.project_integration_features set next_run_at = '2026-11-25 10:00Z'
where id = (pg_temp.refresh_row()).id;
select is(private.plan_schedules('2026-11-25 10:00:20Z'), 1, 'the old every-minute row is planned once');
select is((pg_temp.refresh_row()).next_run_at, '2026-11-25 11:00Z'::timestamptz,
    'and its next run is the minimum after, not the next minute');

update public.project_integration_features set is_enabled = false where id = (pg_temp.refresh_row()).id;
update public.project_integration_features set is_enabled = true where id = (pg_temp.refresh_row()).id;
select ok((pg_temp.refresh_row()).next_run_at >= now() + interval '59 minutes',
    'switched off and on: not run again within the minimum');

update public.project_integrations set status = 'Disconnected' where id = tests.integration_id('ca_project', 'companies_house');
update public.project_integrations set status = 'Connected' where id = tests.integration_id('ca_project', 'companies_house');
select ok((pg_temp.refresh_row()).next_run_at >= now() + interval '59 minutes',
    'disconnected and reconnected: not run again within the minimum');

select * from finish();
rollback;
