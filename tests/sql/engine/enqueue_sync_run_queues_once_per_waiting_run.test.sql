-- Proves: private.enqueue_sync_run writes a pending log and a job in the caller's
-- transaction; the same work asked again by the same trigger while it waits gets the
-- waiting run's log id back (no second log or job); another trigger gets a run of its own
-- (same lock: the two never overlap); once the run has started, a new request queues a new
-- run; a queueing-lock clash does not abort the caller's transaction; unknown integration
-- or foreign feature: PB404. A run someone waits for is queued ahead of scheduled runs
-- (priority 1 against 0, 20261205600000).
begin;
select plan(10);
select tests.create_engine_fixture();

create temporary table ids (name text primary key, id uuid) on commit drop;
insert into ids values
('first', private.enqueue_sync_run(tests.id('eng_integration'), tests.id('eng_manual'), 'on_manual', 'act', 'thing', 'x', '{"n": 1}', null)),
('again', private.enqueue_sync_run(tests.id('eng_integration'), tests.id('eng_manual'), 'on_manual', 'act', 'thing', 'x', '{"n": 2}', null)),
('other_entity', private.enqueue_sync_run(tests.id('eng_integration'), tests.id('eng_manual'), 'on_manual', 'act', 'thing', 'y', '{}', null)),
('realtime', private.enqueue_sync_run(tests.id('eng_integration'), tests.id('eng_manual'), 'realtime', 'act', 'thing', 'x', '{}', null));

select is((select id from ids where name = 'again'), (select id from ids where name = 'first'),
    'asked again while it waits: the waiting run''s log id');
select is((select count(*)::int from public.integration_sync_logs), 3, 'three logs: x (manual), y, x (realtime)');
select results_eq(
    $$select j.lock, j.queueing_lock from procrastinate.procrastinate_jobs as j
      where (j.args ->> 'log_id')::uuid in (select id from ids where name in ('first', 'realtime')) order by j.queueing_lock$$,
    format($$values (%1$L, %1$L || '#on_manual'), (%1$L, %1$L || '#realtime')$$,
        'sync:' || tests.id('eng_integration') || ':' || tests.id('eng_manual') || ':x'),
    'one lock for the work (never two at once), a queueing lock per trigger'
);
select is(
    (select row(l.status, l.trigger_type, l.direction, l.action, l.entity_type, l.details)::text
     from public.integration_sync_logs as l where l.id = (select id from ids where name = 'first')),
    row('pending', 'on_manual', 'inbound', 'act', 'thing', '{"params": {"n": 1}}'::jsonb)::text,
    'the log: pending, its trigger, the feature''s direction, params in details'
);

insert into ids values
('scheduled', private.enqueue_sync_run(tests.id('eng_integration'), tests.id('eng_manual'), 'on_schedule', 'act', 'thing', 'z', '{}', null));
select results_eq(
    $$select i.name, j.priority from procrastinate.procrastinate_jobs as j
      inner join ids as i on (j.args ->> 'log_id')::uuid = i.id where i.name <> 'again' order by i.name$$,
    $$values ('first', 1), ('other_entity', 1), ('realtime', 1), ('scheduled', 0)$$,
    'manual and realtime runs are queued ahead of scheduled ones'
);

-- a worker takes the first run (procrastinate's triggers resolve through search_path): a
-- new request is a new run
set local search_path = procrastinate, public;
update procrastinate.procrastinate_jobs set status = 'doing'
where (args ->> 'log_id')::uuid = (select id from ids where name = 'first');
reset search_path;
insert into ids values
('after_start', private.enqueue_sync_run(tests.id('eng_integration'), tests.id('eng_manual'), 'on_manual', 'act', 'thing', 'x', '{}', null));
select isnt((select id from ids where name = 'after_start'), (select id from ids where name = 'first'),
    'once the run started, asking again queues a new run');

select lives_ok(
    $$select private.defer_sync_jobs(array[gen_random_uuid()],
        array['sync:' || tests.id('eng_integration') || ':' || tests.id('eng_manual') || ':x'], 'on_manual')$$,
    'a queueing-lock clash inside the wrapper does not raise'
);
select is(
    private.defer_sync_jobs(array[gen_random_uuid()],
        array['sync:' || tests.id('eng_integration') || ':' || tests.id('eng_manual') || ':x'], 'on_manual'),
    null, 'it returns null, and the caller''s transaction carries on'
);

select throws_ok(
    $$select private.enqueue_sync_run(gen_random_uuid(), null, 'on_manual', 'act', null, null, '{}', null)$$,
    'PB404', null, 'an unknown project integration: PB404'
);
select throws_ok(
    format($$select private.enqueue_sync_run(%L, (select id from public.integration_features where provider_id <> %L limit 1),
        'on_manual', 'act', null, null, '{}', null)$$, tests.id('eng_integration'), tests.id('eng_provider')),
    'PB404', null, 'a feature of another provider: PB404'
);

select * from finish();
rollback;
