-- Proves: private.take_run_record_leases gives a record to one run at a time across short
-- transactions (20261204700000): all the keys asked for or none; a lease is live while its
-- log is in_progress at the attempt that took it, so a failed or finished attempt frees it
-- and the retry of the same log (a newer attempt) takes it over; give_back frees a log's;
-- a lease whose worker has been silent for the stalled timeout (20261204950000) is free.
begin;
select plan(11);
select tests.create_engine_fixture();

insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, status, action,
    attempt
)
select
    tests.id(name) as id,
    tests.id('eng_project') as project_id,
    tests.id('eng_integration') as project_integration_id,
    tests.id('eng_provider') as provider_id,
    tests.id('eng_vendors') as feature_id,
    'on_manual' as trigger_type,
    'outbound' as direction,
    'in_progress' as status,
    'act' as action,
    1 as attempt
from unnest(array['lease_a', 'lease_b']) as name;

select ok(
    private.take_run_record_leases(tests.id('lease_a'), 1, array['r1', 'r2'], null, interval '2 seconds'),
    'run A takes records r1 and r2'
);
select ok(
    not private.take_run_record_leases(tests.id('lease_b'), 1, array['r3', 'r2'], null, interval '2 seconds'),
    'run B cannot take r2 while A runs'
);
select is(
    (select array_agg(key order by key) from private.run_record_leases), array['r1', 'r2'],
    'all or none: B took not even r3'
);
select ok(
    private.take_run_record_leases(tests.id('lease_a'), 1, array['r1'], null, interval '2 seconds'),
    'a run takes again what it holds'
);

-- A's worker died: the stalled job's retry claims the log at attempt 2 and takes over
update public.integration_sync_logs set attempt = 2
where id = tests.id('lease_a');
select ok(
    private.take_run_record_leases(tests.id('lease_a'), 2, array['r1', 'r2'], null, interval '2 seconds'),
    'the retry of the same log takes over its earlier attempt''s records'
);
select ok(
    not private.take_run_record_leases(tests.id('lease_b'), 1, array['r2'], null, interval '2 seconds'),
    'still held by A''s newer attempt'
);

update public.integration_sync_logs set status = 'pending'
where id = tests.id('lease_a');
select ok(
    private.take_run_record_leases(tests.id('lease_b'), 1, array['r2'], null, interval '2 seconds'),
    'a failed attempt (log pending again) holds nothing'
);

select private.give_back_run_record_leases(tests.id('lease_b'));
select is(
    (select array_agg(key order by key) from private.run_record_leases), array['r1'],
    'give_back frees the log''s leases only'
);

-- B's worker beats its heartbeat: its lease holds; silent past the timeout (killed), it
-- is free without waiting for the sweeper to retry B's job
insert into procrastinate.procrastinate_workers (id, last_heartbeat)
overriding system value
values (-1, now());
select ok(
    private.take_run_record_leases(tests.id('lease_b'), 1, array['r9'], -1, interval '2 seconds'),
    'run B of worker -1 takes r9'
);
select ok(
    not private.take_run_record_leases(tests.id('lease_a'), 2, array['r9'], null, interval '2 seconds'),
    'held while B''s worker beats its heartbeat'
);
update procrastinate.procrastinate_workers set last_heartbeat = now() - interval '3 seconds'
where id = -1;
select ok(
    private.take_run_record_leases(tests.id('lease_a'), 2, array['r9'], null, interval '2 seconds'),
    'free once B''s worker has been silent for the stalled timeout'
);

select * from finish();
rollback;
