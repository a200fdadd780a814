-- Proves: on_status_change queues a run, in the same transaction, when a host record
-- enters the status its feature watches and matches the rest of the filter — on insert and
-- on update, scalar and any-of array values, one run per record of a multi-row statement;
-- nothing for a miss, a status change within or out of the watched status, an edit that
-- leaves the status alone, or a rolled-back change; re-entering the status while the run
-- waits queues nothing new.
begin;
select plan(10);
select tests.create_engine_fixture();

select tests.engine_transaction('t_expense', 'Expense', 'Approved');
select tests.engine_transaction('t_invoice', 'Invoice', 'Draft');
select tests.engine_transaction('t_reimb', 'Reimbursement', 'Approved');
select results_eq(
    $$select feature, trigger_type, entity_id, status, job_status from tests.engine_queue()$$,
    format($$values ('expenses', 'on_status_change', %L, 'pending', 'todo')$$, tests.id('t_expense')),
    'inserted Approved: the Expense (in the any-of list) is queued; a Draft and a Reimbursement are not'
);

update public.transactions set status = 'Approved' where id = tests.id('t_invoice');
select is((select count(*)::int from tests.engine_queue() where entity_id = tests.id('t_invoice')::text), 1,
    'Draft -> Approved: the Invoice enters the status and is queued');

update public.transactions set description = 'edited' where id = tests.id('t_invoice');
update public.transactions set status = 'Paid' where id = tests.id('t_invoice');
select is((select count(*)::int from tests.engine_queue()), 2,
    'an edit leaving the status alone and Approved -> Paid queue nothing');

update public.transactions set status = 'Draft' where id = tests.id('t_expense');
update public.transactions set status = 'Approved' where id = tests.id('t_expense');
select is((select count(*)::int from tests.engine_queue() where entity_id = tests.id('t_expense')::text), 1,
    're-entering Approved while its run still waits: no second run');
select is((select count(*)::int from procrastinate.procrastinate_jobs where status = 'todo'), 2,
    'and no second job');

savepoint before_rollback;
select tests.engine_transaction('t_rolled_back', 'Expense', 'Approved');
update public.transactions set status = 'Draft' where id = tests.id('t_invoice');
update public.transactions set status = 'Approved' where id = tests.id('t_invoice');
rollback to savepoint before_rollback;
select is((select count(*)::int from tests.engine_queue()), 2, 'a rolled-back change leaves no log');
select is((select count(*)::int from procrastinate.procrastinate_jobs), 2, 'and no job');

insert into public.transactions (id, project_id, transaction_type, transaction_direction, status, currency_code)
select tests.id('bulk' || i), tests.id('eng_project'), 'Expense', 'inbound', 'Submitted', 'GBP'
from generate_series(1, 3) as i;
update public.transactions set status = 'Approved' where id in (tests.id('bulk1'), tests.id('bulk2'), tests.id('bulk3'));
select is((select count(*)::int from tests.engine_queue() where entity_id like '%'), 5,
    'one statement approving three records queues three runs');

insert into public.project_relationships (id, project_id, entity_type, display_name, role_can_be_vendor, status)
values (tests.id('r_vendor'), tests.id('eng_project'), 'Business', 'Vendor Ltd', true, 'Inactive'),
    (tests.id('r_customer'), tests.id('eng_project'), 'Business', 'Customer Ltd', false, 'Inactive');
update public.project_relationships set status = 'Active' where project_id = tests.id('eng_project');
select results_eq(
    $$select entity_id from tests.engine_queue() where feature = 'vendors'$$,
    format($$values (%L)$$, tests.id('r_vendor')),
    'a scalar boolean filter: the relationship that can be a vendor is queued, the other not'
);
select is(
    (select l.details -> 'params' from public.integration_sync_logs as l where l.entity_id = tests.id('r_vendor')::text),
    jsonb_build_object('feature', 'vendors', 'entity_id', tests.id('r_vendor')),
    'the run''s params name the feature and the record'
);

select * from finish();
rollback;
