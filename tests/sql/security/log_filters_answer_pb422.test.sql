-- Proves: integration_sync_logs_page answers a filter value of the wrong kind (a feature_id
-- that is no uuid, a from / to that is no timestamp, a status or trigger type that is no
-- such value, an unknown filter) with PB422 naming the filter, never a raw PostgreSQL error,
-- and echoes the input at most 40 characters and '…' (a 1 MB value came back whole
-- before); the RPCs that name a provider, feature, action, entity type or record id given
-- by the caller echo it as briefly. Good filter values still filter.
begin;
select plan(20);
select tests.hmrc_fixture();
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, trigger_type, direction, status, action, created_at,
    started_at, finished_at, error_message
)
select tests.id('pb422_log'), pi.project_id, pi.id, pi.provider_id, 'on_manual', 'inbound', 'failed',
    'chart_of_accounts', '2026-11-25 10:00Z', '2026-11-25 10:00Z', '2026-11-25 10:01Z', 'boom'
from public.project_integrations as pi where pi.id = tests.integration_id('ca_project', 'quickbooks');

create temporary table big on commit drop as select repeat('x', 1000000) as v;
grant select on big to authenticated;

create function pg_temp.logs_error(p_filters jsonb) returns text language sql as $$
    select tests.error_of(format('select tests.act_as(%L); select count(*) from public.integration_sync_logs_page(%L, %L)',
        'ca_owner', tests.id('ca_project'), p_filters))
$$;

create temporary table cases (n integer, filters jsonb, expected text) on commit drop;
insert into cases values
(1, '{"feature_id": "nope"}', 'PB422: filters.feature_id: "nope" is not a uuid'),
(2, '{"from": "yesterday at noon"}', 'PB422: filters.from: "yesterday at noon" is not a timestamp (ISO 8601, e.g. 2026-11-25T10:00:00Z)'),
(3, '{"to": "2026-13-45"}', 'PB422: filters.to: "2026-13-45" is not a timestamp (ISO 8601, e.g. 2026-11-25T10:00:00Z)'),
(4, '{"status": ["failed", "exploded"]}', 'PB422: filters.status: "exploded" is not a status'),
(5, '{"trigger_type": "whenever"}', 'PB422: filters.trigger_type: "whenever" is not a trigger type'),
(6, '{"feature_id": 7}', 'PB422: filters.feature_id: "7" is not a uuid'),
(7, '{"from": ["2026-11-25"]}', 'PB422: filters.from: a string'),
(8, jsonb_build_object('feature_id', repeat('a', 41)), 'PB422: filters.feature_id: "' || repeat('a', 40) || '…" is not a uuid');
select is(pg_temp.logs_error(c.filters), c.expected, format('%s: %s', c.n, c.filters)) from cases as c order by c.n;

select is(
    (select tests.error_of(format('select tests.act_as(%L); select count(*) from public.integration_sync_logs_page(%L, %L)',
        'ca_owner', tests.id('ca_project'), jsonb_build_object(k.key, b.v)))
     from big as b),
    k.expected,
    format('a 1 MB %s: PB422, the value cut to 40 characters', k.key)
)
from (values
    ('feature_id', 'PB422: filters.feature_id: "' || repeat('x', 40) || '…" is not a uuid'),
    ('from', 'PB422: filters.from: "' || repeat('x', 40) || '…" is not a timestamp (ISO 8601, e.g. 2026-11-25T10:00:00Z)'),
    ('status', 'PB422: filters.status: "' || repeat('x', 40) || '…" is not a status')
) as k (key, expected);

select is(
    (select length(tests.error_of(format('select tests.act_as(%L); select count(*) from public.integration_sync_logs_page(%L, %L)',
        'ca_owner', tests.id('ca_project'), jsonb_build_object(b.v, 1)))) < 100
     from big as b),
    true,
    'a 1 MB unknown filter name: the error stays short'
);

select ok(
    (select length(e) < 200 from big as b cross join lateral (select tests.error_of(format(
        'select tests.act_as(%L); %s', 'ca_owner', format(c.call, b.v)))) as q (e)),
    format('a 1 MB %s: the error stays short', c.what)
)
from (values
    ('feature key', format('select public.integration_request_sync(%L, %%L)', tests.integration_id('ca_project', 'quickbooks'))),
    ('provider key', 'select public.integration_send_to(%L, ''transaction'', null)'),
    ('entity type', 'select public.integration_send_to(''quickbooks'', %L, null)'),
    ('client action provider', 'select public.integration_client_action(%L, ''x'', ''{}'')'),
    ('client action name', 'select public.integration_client_action(''hmrc'', %L, ''{}'')'),
    ('client action param name', 'select public.integration_client_action(''hmrc'', ''validate_vrn'', jsonb_build_object(%L, 1))')
) as c (what, call);

select tests.authenticate_as('ca_owner');
select ok(
    (select length(public.integration_request_sync(tests.integration_id('ca_project', 'quickbooks'), 'vendors',
        array[b.v])::text) < 400 from big as b),
    'a 1 MB record id for integration_request_sync: the errors it returns stay short'
);
select is(
    (select count(*)::integer from public.integration_sync_logs_page(tests.id('ca_project'),
        '{"status": ["failed"], "trigger_type": "on_manual", "from": "2026-11-25T09:00:00Z", "to": "2026-11-25T11:00:00+00:00"}')),
    1,
    'good filter values still filter'
);
select tests.clear_authentication();

select * from finish();
rollback;
