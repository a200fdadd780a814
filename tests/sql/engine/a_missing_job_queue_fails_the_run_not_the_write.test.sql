-- Proves: without the job queue (its schema dropped, or only its defer function), approving
-- an Expense in a GB project with a Connected QuickBooks still commits; the run it
-- triggers is written failed with error code queue_unavailable and a message saying to
-- apply the migrations. With the queue there, the same write queues a pending run.
begin;
select plan(6);

insert into public.projects (id, name, country_code) values (tests.id('no_queue'), 'No queue', 'GB');
update public.project_integrations as pi set status = 'Connected', external_account_id = 'realm-nq'
from public.integration_providers as p
where p.id = pi.provider_id and p.key = 'quickbooks' and pi.project_id = tests.id('no_queue');

create function pg_temp.approve_expense(p_name text) returns void language sql as $$
    insert into public.transactions (id, project_id, transaction_type, transaction_direction, status, currency_code)
    values (tests.id(p_name), tests.id('no_queue'), 'Expense', 'inbound', 'Approved', 'GBP')
$$;

create function pg_temp.run_of(p_name text) returns table (status text, error_code text, error_message text)
language sql as $$
    select l.status::text, l.error_code, l.error_message from public.integration_sync_logs as l
    where l.entity_id = tests.id(p_name)::text
$$;

select lives_ok($$select pg_temp.approve_expense('with_queue')$$, 'with the queue: the write commits');
select results_eq($$select status, error_code from pg_temp.run_of('with_queue')$$,
    $$values ('pending', null::text)$$, 'and its run is pending, queued');

savepoint queue_present;
set local client_min_messages = warning; -- not the list of what the drop cascades to
drop schema procrastinate cascade;
select lives_ok($$select pg_temp.approve_expense('no_schema')$$,
    'the queue''s schema dropped: approving an Expense still succeeds');
select results_eq($$select status, error_code from pg_temp.run_of('no_schema')$$,
    $$values ('failed', 'queue_unavailable')$$, 'its run is written failed, queue_unavailable');
select matches((select error_message from pg_temp.run_of('no_schema')),
    'job queue .* not installed .* Apply the migrations \(supabase db push, or plugboard db migrate\)',
    'the message says what is missing and what to run');
rollback to savepoint queue_present;

drop function procrastinate.procrastinate_defer_jobs_v1(procrastinate.procrastinate_job_to_defer_v1[]);
select pg_temp.approve_expense('no_function');
select results_eq($$select status, error_code from pg_temp.run_of('no_function')$$,
    $$values ('failed', 'queue_unavailable')$$, 'only its defer function dropped: the same');

select * from finish();
rollback;
