-- Proves: hmrc.validate_client_context accepts a full browser context (normalised, absent
-- multi_factor as []), reports each missing value as required at its field (never filled
-- in) and each malformed one as invalid_format, and refuses unknown keys (PB422); the
-- browser values kept for a run (private.hmrc_client_contexts) are readable by no client
-- role -- not a member, not an owner, not anon -- and the function that keeps them is the
-- service role's alone; the row is forgotten when its run is final, and the sync log's
-- params never hold it.
begin;
select plan(31);
select tests.hmrc_fixture();

create temporary table good (ctx jsonb) on commit drop;
grant select on good to authenticated;
insert into good values ('{
    "device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce", "user_agent": "Mozilla/5.0",
    "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1.25, "colour_depth": 24}],
    "window_size": {"width": 1256, "height": 803}, "timezone": "UTC+01:00",
    "public_ip": "81.2.69.160", "public_port": 49152, "public_ip_timestamp": "2026-11-25T09:01:02.345Z"
}');

select is(
    (select public.integration_client_action('hmrc', 'validate_client_context', g.ctx) from good as g),
    jsonb_build_object('valid', true, 'errors', '[]'::jsonb,
        'data', (select g.ctx || '{"multi_factor": []}' from good as g)),
    'a full context is valid; absent multi_factor becomes [] (single-factor sign-in)'
);

create temporary table cases (n integer, description text, change jsonb, drop_key text, expected text[])
on commit drop;
insert into cases values
(1, 'device id missing', null, 'device_id', '{required@client_context.device_id}'),
(2, 'user agent missing', null, 'user_agent', '{required@client_context.user_agent}'),
(3, 'screens missing', null, 'screens', '{required@client_context.screens}'),
(4, 'window size missing', null, 'window_size', '{required@client_context.window_size}'),
(5, 'time zone missing', null, 'timezone', '{required@client_context.timezone}'),
(6, 'public IP missing', null, 'public_ip', '{required@client_context.public_ip}'),
(7, 'public port missing', null, 'public_port', '{required@client_context.public_port}'),
(8, 'IP timestamp missing', null, 'public_ip_timestamp', '{required@client_context.public_ip_timestamp}'),
(9, 'device id not a uuid', '{"device_id": "my-laptop"}', null, '{invalid_format@client_context.device_id}'),
(10, 'screens empty', '{"screens": []}', null, '{required@client_context.screens}'),
(11, 'a screen without colour depth', '{"screens": [{"width": 1, "height": 1, "scaling_factor": 1}]}', null,
    '{invalid_format@client_context.screens}'),
(12, 'a window without height', '{"window_size": {"width": 1256}}', null,
    '{invalid_format@client_context.window_size}'),
(13, 'a zone name, not an offset', '{"timezone": "Europe/London"}', null, '{invalid_format@client_context.timezone}'),
(14, 'not an IP address', '{"public_ip": "localhost"}', null, '{invalid_format@client_context.public_ip}'),
(15, 'port out of range', '{"public_port": 70000}', null, '{invalid_format@client_context.public_port}'),
(16, 'port as text', '{"public_port": "443"}', null, '{invalid_format@client_context.public_port}'),
(17, 'timestamp not UTC', '{"public_ip_timestamp": "2026-11-25T09:01:02+01:00"}', null,
    '{invalid_format@client_context.public_ip_timestamp}'),
(18, 'a factor of an unknown type', '{"multi_factor": [{"type": "SMS", "timestamp": "t", "unique_reference": "r"}]}',
    null, '{invalid_format@client_context.multi_factor}'),
(19, 'an IPv6 address and a TOTP factor are fine',
    '{"public_ip": "2001:db8::1", "multi_factor": [{"type": "TOTP", "timestamp": "2026-11-25T09:00Z", '
    '"unique_reference": "a1"}]}', null, '{}');

select is(
    tests.error_keys(public.integration_client_action('hmrc', 'validate_client_context',
        (select (g.ctx - coalesce(c.drop_key, '')) || coalesce(c.change, '{}') from good as g))),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c
order by c.n;

select is(
    tests.error_of($$select public.integration_client_action('hmrc', 'validate_client_context',
        '{"device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce", "battery": 80}')$$),
    'PB422: params.battery: unknown key',
    'an unknown key is refused (PB422), not passed on to HMRC'
);

-- a kept context, as hmrc_submit_vat_return keeps it
select tests.authenticate_as('ca_owner');
create temporary table queued on commit drop as
select public.hmrc_fetch_vat_obligations(tests.integration_id('ca_project', 'hmrc'), (select g.ctx from good as g)) as r;
select tests.clear_authentication();
create temporary table kept on commit drop as select (r #>> '{log_ids,0}')::uuid as log_id from queued;

select is(
    (select count(*)::integer from private.hmrc_client_contexts as c join kept as k on c.sync_log_id = k.log_id),
    1, 'the browser values are kept for the run'
);
select is(
    (select l.details -> 'params' from public.integration_sync_logs as l join kept as k on l.id = k.log_id),
    '{"feature": "vat_obligations"}'::jsonb,
    'the sync log''s params hold no browser value'
);

select is(tests.outcome(a.actor, 'select count(*) from private.hmrc_client_contexts'), 'permission denied',
    format('%s cannot read the kept browser values', a.actor))
from (values ('ca_owner'), ('ca_member'), ('anon')) as a (actor);
select is(tests.outcome('service_role', 'select count(*) from private.hmrc_client_contexts'), 'rows 1',
    'the service role (the worker) reads them');
select is(
    tests.outcome('ca_owner', format($$select count(*) from private.hmrc_keep_client_context(%L, %L, '{}')$$,
        (select k.log_id from kept as k), tests.user_id('ca_owner'))),
    'permission denied', 'a client cannot store browser values for a run itself'
);
select ok(
    (select c.relrowsecurity from pg_class as c where c.oid = 'private.hmrc_client_contexts'::regclass),
    'row-level security is on, with no policy for anyone'
);

update public.integration_sync_logs as l set status = 'in_progress' from kept as k where l.id = k.log_id;
select is((select count(*)::integer from private.hmrc_client_contexts), 1, 'kept while the run is in progress');
update public.integration_sync_logs as l set status = 'failed', error_message = 'x' from kept as k where l.id = k.log_id;
select is((select count(*)::integer from private.hmrc_client_contexts), 0, 'forgotten once the run is final');

select * from finish();
rollback;
