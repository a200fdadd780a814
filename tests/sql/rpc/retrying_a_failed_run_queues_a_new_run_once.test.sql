-- Proves: integration_retry_sync (issue #23) -- a failed run retried by the owner becomes a
-- new pending on_manual run requested by them, with the old log's action, entity and params
-- and details.retry_of, its job queued at the priority of runs someone waits for, the old
-- log untouched; a second retry while that one waits or runs hands it back (no second log
-- or job); a partial_success re-runs its params as they were; service_role may retry; an
-- HMRC levy run may be retried. Refused, writing nothing: a member without
-- integration:sync:<provider> (PB403), an outsider and the owner of another project (PB404,
-- the same message as for a log that does not exist), anon (no execute privilege), a
-- success or a run not finished (PB409), the integration off ("Turn … on") or not
-- Connected ("Reconnect …"), the feature off, and an HMRC VAT return submission, which
-- needs fresh browser values ("Submit it again from the app").
begin;
select plan(24);
select tests.hmrc_fixture();

-- finished runs of the fixture's projects, as the worker leaves them
create or replace function pg_temp.finished_log(
    p_name text, p_project text, p_provider text, p_feature text, p_status text, p_entity_type text,
    p_entity_id text, p_params jsonb
)
returns void
language sql
as $$
    insert into public.integration_sync_logs (
        id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, status,
        action, entity_type, entity_id, error_code, error_message, attempt, details, started_at, finished_at
    )
    select tests.id(p_name), pi.project_id, pi.id, pi.provider_id, f.id, 'on_schedule', f.sync_direction,
        p_status::public.sync_status, f.server_action, p_entity_type, p_entity_id,
        case when p_status = 'failed' then 'boom' end, case when p_status = 'failed' then 'it broke' end,
        5, jsonb_build_object('params', p_params, 'attempts', '[{"attempt": 5, "status": "failed"}]'::jsonb),
        now() - interval '1 hour', case when p_status not in ('pending', 'in_progress') then now() end
    from public.project_integrations as pi
    inner join public.integration_features as f on f.provider_id = pi.provider_id and f.key = p_feature
    where pi.id = tests.integration_id(p_project, p_provider)
$$;

select pg_temp.finished_log('failed', 'ca_project', 'quickbooks', 'vendors', 'failed', 'vendor', null,
    '{"feature": "vendors"}');
select pg_temp.finished_log('partial', 'ca_project', 'quickbooks', 'expenses', 'partial_success', 'transaction',
    'batch:' || tests.id('tx_bill'), jsonb_build_object('feature', 'expenses', 'entity_ids',
        jsonb_build_array(tests.id('tx_bill'), tests.id('tx_expense')), 'chunk', tests.id('chunk'), 'singly', false));
select pg_temp.finished_log('unanswered', 'ca_project', 'quickbooks', 'expenses', 'failed', 'transaction',
    'batch:' || tests.id('tx_expense'), jsonb_build_object('feature', 'expenses', 'entity_ids',
        jsonb_build_array(tests.id('tx_expense')), 'chunk', tests.id('chunk_unanswered'), 'singly', false));
-- its last attempt ended with a batch unanswered (attempts exhausted): planned, not done
update public.integration_sync_logs
set details = details || jsonb_build_object('progress', jsonb_build_object('pending',
    jsonb_build_array(tests.id('tx_expense'))))
where id = tests.id('unanswered');
select pg_temp.finished_log('succeeded', 'ca_project', 'quickbooks', 'chart_of_accounts', 'success', null, null,
    '{"feature": "chart_of_accounts"}');
select pg_temp.finished_log('running', 'ca_project', 'quickbooks', 'classes', 'in_progress', null, null,
    '{"feature": "classes"}');
select pg_temp.finished_log('vat_return', 'ca_project', 'hmrc', 'vat_return_submission', 'failed', 'vat_return',
    'A001', '{"feature": "vat_return_submission", "entity_id": "A001", "vrn": "123456782"}');
select pg_temp.finished_log('levy', 'ca_project', 'hmrc', 'paye_levy_declarations', 'failed', null, null,
    '{"feature": "paye_levy_declarations"}');
select pg_temp.finished_log('elsewhere_levy', 'hm_other', 'hmrc', 'paye_levy_declarations', 'failed', null, null,
    '{"feature": "paye_levy_declarations"}');

create temporary table before on commit drop as
select l.id, to_jsonb(l) as row from public.integration_sync_logs as l;

create or replace function pg_temp.retry_sql(p_name text)
returns text
language sql immutable
as $$ select format('select to_jsonb(public.integration_retry_sync(%L))', tests.id(p_name)) $$;

-- refusals: outcome, how the message starts, rows written
create temporary table refusals (n integer, description text, actor text, setup text, log text, expected jsonb)
on commit drop;
insert into refusals values
(1, 'a member without integration:sync:quickbooks', 'ca_member', null, 'failed',
    '{"outcome": "PB403", "message": "you need the integration:sync:quickbooks permission in this project"}'),
(2, 'an outsider', 'ca_outsider', null, 'failed', '{"outcome": "PB404", "message": "no sync log"}'),
(3, 'anon', 'anon', null, 'failed', '{"outcome": "42501", "message": "permission denied"}'),
(4, 'a success', 'ca_owner', null, 'succeeded',
    '{"outcome": "PB409", "message": "this run is a success: only a failed or partly successful run"}'),
(5, 'a run not finished', 'ca_owner', null, 'running',
    '{"outcome": "PB409", "message": "this run is not finished yet"}'),
(6, 'the integration switched off', 'ca_owner',
    $$update public.project_integrations set is_enabled = false
      where id = tests.integration_id('ca_project', 'quickbooks')$$, 'failed',
    '{"outcome": "PB409", "message": "QuickBooks Online is switched off for this project. Turn QuickBooks Online on"}'),
(7, 'the integration disconnected', 'ca_owner',
    $$update public.project_integrations set status = 'Expired'
      where id = tests.integration_id('ca_project', 'quickbooks')$$, 'failed',
    '{"outcome": "PB409", "message": "QuickBooks Online is not connected (status Expired). Reconnect QuickBooks Online"}'),
(8, 'the feature switched off', 'ca_owner',
    $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
      values (tests.integration_id('ca_project', 'quickbooks'),
        (select feature_id from public.integration_sync_logs where id = tests.id('failed')), false)
      on conflict (project_integration_id, feature_id) do update set is_enabled = false$$, 'failed',
    '{"outcome": "PB409", "message": "Sync Suppliers (Vendors) is switched off for this project. Turn Sync Suppliers (Vendors) on"}'),
(9, 'an HMRC VAT return (fresh browser values needed)', 'ca_owner', null, 'vat_return',
    '{"outcome": "PB409", "message": "VAT return submission cannot be retried from here"}'),
(10, 'the owner of another project', 'hm_other_owner', null, 'failed', '{"outcome": "PB404", "message": "no sync log"}'),
(11, 'a project''s owner, another project''s log', 'ca_owner', null, 'elsewhere_levy',
    '{"outcome": "PB404", "message": "no sync log"}');

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'message', left(o ->> 'message', length(r.expected ->> 'message')),
        'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(r.actor, r.setup, pg_temp.retry_sql(r.log))) as q (o)),
    r.expected || '{"written": 0}',
    format('refused, nothing written: %s', r.description)
)
from refusals as r
order by r.n;

select is(
    (select replace(o ->> 'message', tests.id('elsewhere_levy')::text, '<id>')
     from (select tests.rpc_outcome('ca_owner', null, pg_temp.retry_sql('elsewhere_levy'))) as q (o)),
    (select replace(o ->> 'message', tests.id('nothing')::text, '<id>')
     from (select tests.rpc_outcome('ca_owner', null, pg_temp.retry_sql('nothing'))) as q (o)),
    'another project''s log answers exactly like a log that does not exist'
);
select is(
    (select o ->> 'message' from (select tests.rpc_outcome('ca_owner', null, pg_temp.retry_sql('vat_return'))) as q (o)),
    'VAT return submission cannot be retried from here: HMRC needs your browser''s details with each such call '
    || '(fraud-prevention headers). Submit it again from the app',
    'the HMRC refusal says to submit it again from the app'
);

-- the owner retries the failed vendors run
select tests.authenticate_as('ca_owner');
create temporary table retried on commit drop as
select 'failed'::text as name, public.integration_retry_sync(tests.id('failed')) as id;
select tests.clear_authentication();
grant select, insert on retried to authenticated, service_role;

select is(
    (select jsonb_build_object('status', l.status, 'trigger', l.trigger_type, 'action', l.action,
        'feature', l.feature_id, 'entity', l.entity_id, 'requested_by', l.requested_by, 'details', l.details)
     from public.integration_sync_logs as l where l.id = (select id from retried where name = 'failed')),
    jsonb_build_object('status', 'pending', 'trigger', 'on_manual', 'action', 'sync_vendor',
        'feature', (select feature_id from public.integration_sync_logs where id = tests.id('failed')),
        'entity', null, 'requested_by', tests.user_id('ca_owner'),
        'details', jsonb_build_object('params', '{"feature": "vendors"}'::jsonb, 'retry_of', tests.id('failed'))),
    'a new pending on_manual run by the owner: the same action and params, retry_of the old log'
);
select is(
    (select jsonb_build_object('queue', j.queue_name, 'task', j.task_name, 'status', j.status, 'priority', j.priority)
     from procrastinate.procrastinate_jobs as j
     where (j.args ->> 'log_id')::uuid = (select id from retried where name = 'failed')),
    jsonb_build_object('queue', 'sync', 'task', 'plugboard.sync_run', 'status', 'todo',
        'priority', private.sync_run_priority('on_manual')),
    'its job is queued at the priority of runs someone waits for'
);
select is(
    (select count(*)::int from public.integration_sync_logs as l
     inner join before as b on b.id = l.id where to_jsonb(l) <> b.row),
    0, 'no earlier log was rewritten'
);

-- a double click: the retry waiting, then running, is handed back
select tests.authenticate_as('ca_owner');
insert into retried values ('again', public.integration_retry_sync(tests.id('failed')));
select tests.clear_authentication();
update public.integration_sync_logs set status = 'in_progress', started_at = now()
where id = (select id from retried where name = 'failed');
set local search_path = procrastinate, public;  -- procrastinate's triggers resolve through it
update procrastinate.procrastinate_jobs set status = 'doing'
where (args ->> 'log_id')::uuid = (select id from retried where name = 'failed');
reset search_path;
select tests.authenticate_as('ca_owner');
insert into retried values ('while_running', public.integration_retry_sync(tests.id('failed')));
select tests.clear_authentication();
select is(
    (select array_agg(distinct id) from retried),
    (select array_agg(id) from retried where name = 'failed'),
    'a second retry while the first waits, and while it runs, hands the first back'
);
select is(
    (select count(*)::int from public.integration_sync_logs where details ->> 'retry_of' = tests.id('failed')::text),
    1, 'one retry log for the double click'
);
select is(
    (select count(*)::int from procrastinate.procrastinate_jobs as j
     where (j.args ->> 'log_id')::uuid in (select id from retried)),
    1, 'one job for the double click'
);

-- once the retry failed too, a new retry is a new run
update public.integration_sync_logs set status = 'failed', error_message = 'again', finished_at = now()
where id = (select id from retried where name = 'failed');
set local search_path = procrastinate, public;
update procrastinate.procrastinate_jobs set status = 'failed'
where (args ->> 'log_id')::uuid = (select id from retried where name = 'failed');
reset search_path;
select tests.authenticate_as('ca_owner');
insert into retried values ('after_the_retry_failed', public.integration_retry_sync(tests.id('failed')));
select tests.clear_authentication();
select isnt(
    (select id from retried where name = 'after_the_retry_failed'), (select id from retried where name = 'failed'),
    'once the retry is final, retrying the old log again queues a new run'
);

-- a partial_success re-runs the same records; every one was answered, so under a new chunk
-- id (its request id: QuickBooks would answer the old one with its first answer)
select tests.authenticate_as('ca_owner');
insert into retried values ('partial', public.integration_retry_sync(tests.id('partial')));
insert into retried values ('unanswered', public.integration_retry_sync(tests.id('unanswered')));
select tests.clear_authentication();
select is(
    (select jsonb_build_object('entity', l.entity_type || ':' || l.entity_id,
        'params', (l.details -> 'params') - 'chunk', 'retry_of', l.details ->> 'retry_of')
     from public.integration_sync_logs as l where l.id = (select id from retried where name = 'partial')),
    (select jsonb_build_object('entity', l.entity_type || ':' || l.entity_id,
        'params', (l.details -> 'params') - 'chunk', 'retry_of', l.id)
     from public.integration_sync_logs as l where l.id = tests.id('partial')),
    'a partial_success: the same entity and params (done records come back unchanged through their mappings)'
);
select isnt(
    (select l.details -> 'params' ->> 'chunk' from public.integration_sync_logs as l
     where l.id = (select id from retried where name = 'partial')),
    tests.id('chunk')::text,
    'every record of the old batch was answered: the retry goes under a new chunk id'
);
select is(
    (select l.details -> 'params' ->> 'chunk' from public.integration_sync_logs as l
     where l.id = (select id from retried where name = 'unanswered')),
    tests.id('chunk_unanswered')::text,
    'a record of the old batch went unanswered: the retry keeps its chunk id, whose replay says what happened'
);

-- service_role may retry (no person: requested_by null); an HMRC levy run needs no browser values
select tests.authenticate_as_service_role();
insert into retried values ('levy', public.integration_retry_sync(tests.id('levy')));
select tests.clear_authentication();
select is(
    (select jsonb_build_object('status', l.status, 'action', l.action, 'requested_by', l.requested_by,
        'retry_of', l.details ->> 'retry_of')
     from public.integration_sync_logs as l where l.id = (select id from retried where name = 'levy')),
    jsonb_build_object('status', 'pending', 'action', 'hmrc_paye_levy_declarations', 'requested_by', null,
        'retry_of', tests.id('levy')),
    'service_role retries an HMRC levy run'
);

select * from finish();
rollback;
