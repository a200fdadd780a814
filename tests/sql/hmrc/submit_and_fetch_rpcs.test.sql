-- Proves: hmrc_submit_vat_return validates the nine boxes, the period key and finalised
-- (errors per box, nothing queued), reports missing browser values and a missing VRN
-- together, needs integration:sync:hmrc and a signed-in person, queues exactly one run and
-- one job with the browser values kept privately (not in the params), refuses a second
-- call while the first is on its way (submission_in_progress) and after it succeeded
-- (DUPLICATE_SUBMISSION with the receipt), writing nothing; a failed one may be sent again;
-- PB409 when the feature is off. hmrc_fetch_vat_obligations: the same permissions, one
-- attended on_manual run with the values kept privately, refusals for missing values or
-- VRN, and a waiting run handed back rather than a second one queued.
begin;
select plan(33);
select tests.hmrc_fixture();

create temporary table input (ret jsonb, ctx jsonb) on commit drop;
grant select on input to authenticated, anon, service_role;
insert into input values (
    '{"periodKey": "A001", "vatDueSales": 105.5, "vatDueAcquisitions": -100.45, "totalVatDue": 5.05,
      "vatReclaimedCurrPeriod": 105.15, "netVatDue": 100.1, "totalValueSalesExVAT": 300,
      "totalValuePurchasesExVAT": 300, "totalValueGoodsSuppliedExVAT": 3000, "totalAcquisitionsExVAT": 3000,
      "finalised": true}',
    '{"device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce", "user_agent": "Mozilla/5.0",
      "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1, "colour_depth": 24}],
      "window_size": {"width": 1256, "height": 803}, "timezone": "UTC+00:00", "public_ip": "81.2.69.160",
      "public_port": 49152, "public_ip_timestamp": "2026-11-25T09:01:02.345Z"}'
);

create or replace function pg_temp.submit_sql(p_return_change jsonb, p_drop text, p_ctx_drop text)
returns text
language sql
as $$
    select format('select public.hmrc_submit_vat_return(%L, %L, %L)', tests.integration_id('ca_project', 'hmrc'),
        (i.ret - coalesce(p_drop, '')) || coalesce(p_return_change, '{}'), i.ctx - coalesce(p_ctx_drop, ''))
    from input as i
$$;

create temporary table box_cases (n integer, description text, change jsonb, drop_key text, ctx_drop text,
    expected text[]) on commit drop;
insert into box_cases values
(1, 'box 3 is not box 1 + box 2', '{"totalVatDue": 99, "netVatDue": 6.15}', null, null,
    '{vat_total_value@totalVatDue}'),
(2, 'box 5 is not |box 3 - box 4|', '{"netVatDue": 1}', null, null, '{vat_net_value@netVatDue}'),
(3, 'box 9 missing', null, 'totalAcquisitionsExVAT', null, '{required@totalAcquisitionsExVAT}'),
(4, 'box 1 with three decimals', '{"vatDueSales": 105.555, "totalVatDue": 5.105, "netVatDue": 100.045}', null, null,
    '{too_many_decimals@vatDueSales,too_many_decimals@totalVatDue,too_many_decimals@netVatDue}'),
(5, 'box 6 with pence', '{"totalValueSalesExVAT": 300.5}', null, null, '{not_whole_pounds@totalValueSalesExVAT}'),
(6, 'box 7 as text', '{"totalValuePurchasesExVAT": "300"}', null, null, '{not_a_number@totalValuePurchasesExVAT}'),
(7, 'a bad period key', '{"periodKey": "a1"}', null, null, '{invalid_format@periodKey}'),
(8, 'not declared final', '{"finalised": false}', null, null, '{not_finalised@finalised}'),
(9, 'a browser value missing too', '{"totalVatDue": 99, "netVatDue": 6.15}', null, 'public_port',
    '{vat_total_value@totalVatDue,required@client_context.public_port}');

select is(
    (select jsonb_build_object('queued', o #> '{result,queued}', 'errors', to_jsonb(tests.error_keys(o -> 'result')),
        'written', o -> 'written')
     from (select tests.rpc_outcome('ca_owner', null, pg_temp.submit_sql(c.change, c.drop_key, c.ctx_drop))) as q (o)),
    jsonb_build_object('queued', false, 'errors', to_jsonb(c.expected), 'written', 0),
    format('%s: %s: refused, nothing queued', c.n, c.description)
)
from box_cases as c
order by c.n;

select is(
    (select tests.error_keys(o -> 'result') from (select tests.rpc_outcome('ca_owner',
        $$update public.project_integrations set settings = settings - 'vrn'
          where id = tests.integration_id('ca_project', 'hmrc')$$, pg_temp.submit_sql(null, null, null))) as q (o)),
    '{vrn_missing@vrn}', 'no VRN saved: vrn_missing'
);

create temporary table matrix (actor text, expected text, written integer) on commit drop;
insert into matrix values ('ca_owner', 'ok', 1), ('service_role', 'PB403', 0), ('ca_member', 'PB403', 0),
('ca_outsider', 'PB404', 0), ('anon', '42501', 0);
select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, pg_temp.submit_sql(null, null, null))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('submit as %s: %s', m.actor, m.expected)
)
from matrix as m;
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner',
        $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
          select tests.integration_id('ca_project', 'hmrc'), f.id, false from public.integration_features f
          join public.integration_providers p on p.id = f.provider_id
          where p.key = 'hmrc' and f.key = 'vat_return_submission'$$,
        pg_temp.submit_sql(null, null, null))) as q (o)),
    'PB409', 'the submission feature switched off: PB409'
);

-- one real submission
select tests.authenticate_as('ca_owner');
create temporary table first_call on commit drop as
select public.hmrc_submit_vat_return(tests.integration_id('ca_project', 'hmrc'), i.ret, i.ctx) as r from input as i;
select tests.clear_authentication();
create temporary table submitted on commit drop as select (r #>> '{log_ids,0}')::uuid as log_id from first_call;

select is((select r -> 'queued' from first_call), 'true'::jsonb, 'a valid return is queued');
select is(
    (select jsonb_build_object('status', l.status, 'trigger', l.trigger_type, 'action', l.action,
        'entity_id', l.entity_id, 'requested_by', l.requested_by, 'params', (
            select jsonb_agg(k order by k) from jsonb_object_keys(l.details -> 'params') as k))
     from public.integration_sync_logs as l join submitted as s on l.id = s.log_id),
    jsonb_build_object('status', 'pending', 'trigger', 'on_manual', 'action', 'hmrc_submit_vat_return',
        'entity_id', 'A001', 'requested_by', tests.user_id('ca_owner'),
        'params', '["confirmed_by", "entity_id", "feature", "vat_return", "vrn"]'::jsonb),
    'one pending on_manual run for the period, by the person, without browser values in its params'
);
select is(
    (select count(*)::integer from procrastinate.procrastinate_jobs as j join submitted as s
        on (j.args ->> 'log_id')::uuid = s.log_id),
    1, 'exactly one job queued'
);
select is(
    (select c.client_context ->> 'public_ip' from private.hmrc_client_contexts as c join submitted as s
        on c.sync_log_id = s.log_id),
    '81.2.69.160', 'the browser values are kept privately for the worker'
);

-- written: logs added x 1000 + jobs added
create temporary table again (description text, setup text, expected jsonb) on commit drop;
insert into again values
('while the first is on its way', null,
    '{"queued": false, "errors": ["submission_in_progress@periodKey"], "written": 0}'),
('after HMRC accepted it',
    $$update public.integration_sync_logs set status = 'success', finished_at = now(),
      details = details || '{"receipt": {"receipt_id": "RCPT-1"}}' where id = (select log_id from submitted)$$,
    '{"queued": false, "errors": ["DUPLICATE_SUBMISSION@periodKey"], "written": 0}'),
('after it failed (its job failed too): a new run and job',
    $$update public.integration_sync_logs set status = 'failed', error_message = 'x'
      where id = (select log_id from submitted);
      set local search_path = procrastinate, public;
      update procrastinate.procrastinate_jobs set status = 'failed'
      where (args ->> 'log_id')::uuid = (select log_id from submitted);
      reset search_path$$,
    '{"queued": true, "errors": [], "written": 1001}');
select is(
    (select jsonb_build_object('queued', o #> '{result,queued}', 'errors', to_jsonb(tests.error_keys(o -> 'result')),
        'written', o -> 'written')
     from (select tests.rpc_outcome('ca_owner', a.setup, pg_temp.submit_sql(null, null, null),
        $$select (select count(*) from public.integration_sync_logs) * 1000
            + (select count(*) from procrastinate.procrastinate_jobs)$$)) as q (o)),
    a.expected,
    format('the same period again %s', a.description)
)
from again as a;
select matches(
    (select o #>> '{result,errors,0,message}' from (select tests.rpc_outcome('ca_owner',
        $$update public.integration_sync_logs set status = 'success', finished_at = now(),
          details = details || '{"receipt": {"receipt_id": "RCPT-1"}}' where id = (select log_id from submitted)$$,
        pg_temp.submit_sql(null, null, null))) as q (o)),
    'A001 was already submitted .*HMRC receipt RCPT-1.*one return per period',
    'DUPLICATE_SUBMISSION names the period and HMRC''s receipt, and what to do'
);

-- hmrc_fetch_vat_obligations
create or replace function pg_temp.fetch_sql(p_ctx_drop text)
returns text
language sql
as $$
    select format('select public.hmrc_fetch_vat_obligations(%L, %L)', tests.integration_id('ca_project', 'hmrc'),
        i.ctx - coalesce(p_ctx_drop, ''))
    from input as i
$$;
select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', (o ->> 'written')::int)
     from (select tests.rpc_outcome(m.actor, null, pg_temp.fetch_sql(null))) as q (o)),
    jsonb_build_object('outcome', m.expected, 'written', m.written),
    format('fetch obligations as %s: %s', m.actor, m.expected)
)
from matrix as m;
select is(
    (select jsonb_build_object('errors', to_jsonb(tests.error_keys(o -> 'result')), 'written', o -> 'written')
     from (select tests.rpc_outcome('ca_owner',
        $$update public.project_integrations set settings = settings - 'vrn'
          where id = tests.integration_id('ca_project', 'hmrc')$$, pg_temp.fetch_sql('device_id'))) as q (o)),
    '{"errors": ["required@client_context.device_id", "vrn_missing@vrn"], "written": 0}'::jsonb,
    'a missing browser value and a missing VRN are both told, nothing queued'
);

select tests.authenticate_as('ca_owner');
create temporary table fetches on commit drop as
select 1 as n, public.hmrc_fetch_vat_obligations(tests.integration_id('ca_project', 'hmrc'), i.ctx) as r from input as i;
select tests.clear_authentication();
select is(
    (select jsonb_build_object('trigger', l.trigger_type, 'action', l.action, 'requested_by', l.requested_by,
        'params', l.details -> 'params', 'kept', (select count(*) from private.hmrc_client_contexts as c
            where c.sync_log_id = l.id))
     from public.integration_sync_logs as l where l.id = (select (r #>> '{log_ids,0}')::uuid from fetches)),
    jsonb_build_object('trigger', 'on_manual', 'action', 'hmrc_vat_obligations', 'requested_by',
        tests.user_id('ca_owner'), 'params', '{"feature": "vat_obligations"}'::jsonb, 'kept', 1),
    'an attended fetch: one on_manual run by the person, browser values kept privately'
);
select tests.authenticate_as('ca_owner');
insert into fetches
select 2, public.hmrc_fetch_vat_obligations(tests.integration_id('ca_project', 'hmrc'), i.ctx || '{"public_port": 1}')
from input as i;
select tests.clear_authentication();
select is(
    (select count(distinct r -> 'log_ids')::integer from fetches), 1,
    'asked again while it waits: the waiting run is handed back, no second one'
);
select is(
    (select (c.client_context ->> 'public_port')::integer from private.hmrc_client_contexts as c
     where c.sync_log_id = (select (r #>> '{log_ids,0}')::uuid from fetches where n = 1)),
    1, 'with the latest browser values'
);

select * from finish();
rollback;
