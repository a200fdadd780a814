-- Proves: next_run_at is set while a feature is schedulable (integration enabled and
-- Connected, feature enabled, effective trigger on_schedule) and cleared otherwise; a
-- project's schedule override restarts it; the planner queues each due feature once and
-- moves next_run_at to the next minute its schedule names after the tick, so a second tick
-- within the minute queues nothing and a tick after an outage queues one run, not one per
-- missed minute; a run still waiting is not queued again.
begin;
select plan(10);
select tests.create_engine_fixture();

create or replace function pg_temp.next_run() returns timestamptz language sql as $$
    select next_run_at from public.project_integration_features
    where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_nightly')
$$;

select is(pg_temp.next_run(), private.cron_next('0 2 * * *', now()),
    'a Connected integration: its scheduled feature gets a row with the next 02:00');

update public.project_integrations set status = 'Disconnected' where id = tests.id('eng_integration');
select is(pg_temp.next_run(), null, 'disconnected: nothing scheduled');
update public.project_integrations set status = 'Connected' where id = tests.id('eng_integration');
select is(pg_temp.next_run(), private.cron_next('0 2 * * *', now()), 'reconnected: scheduled again');

update public.project_integration_features set trigger_config = '{"entity": "projects", "schedule": "30 4 * * 1"}'
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_nightly');
select is(pg_temp.next_run(), private.cron_next('30 4 * * 1', now()), 'a project''s schedule override restarts it');
update public.project_integration_features set is_enabled = false
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_nightly');
select is(pg_temp.next_run(), null, 'switched off for the project: nothing scheduled');
update public.project_integration_features set is_enabled = true, trigger_config = null
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_nightly');

-- due since 02:00 yesterday (the database was down since): one tick at 10:00:20 today
update public.project_integration_features set next_run_at = '2026-11-24 02:00Z'
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_nightly');
select is(private.plan_schedules('2026-11-25 10:00:20Z'), 1, 'a tick after an outage queues one run');
select is(pg_temp.next_run(), '2026-11-26 02:00Z'::timestamptz, 'and moves on to the next 02:00 after the tick');
select is(private.plan_schedules('2026-11-25 10:00:50Z'), 0, 'a second tick in the same minute queues nothing');

-- the next due time comes while the first run still waits for a worker
update public.project_integration_features set next_run_at = '2026-11-25 10:01Z'
where project_integration_id = tests.id('eng_integration') and feature_id = tests.id('eng_nightly');
select is(private.plan_schedules('2026-11-25 10:01:05Z'), 0, 'a run still waiting is not queued again');
select results_eq(
    $$select feature, trigger_type, entity_id, status from tests.engine_queue()$$,
    $$values ('nightly', 'on_schedule', null::text, 'pending')$$,
    'one pending on_schedule run of the whole feature'
);

select * from finish();
rollback;
