-- Proves: every RPC a client app calls is executable by authenticated and service_role
-- and not by anon or PUBLIC; the writing ones are security definer with a pinned
-- search_path; enqueue_sync_run (the one writer of pending logs) is service_role only.
begin;
select plan(5);

create temporary table rpcs (signature regprocedure) on commit drop;
insert into rpcs values
('public.integration_client_action(text, text, jsonb)'),
('public.integration_request_sync(uuid, text, text[])'),
('public.integration_send_to(text, text, uuid)'),
('public.integration_set_enabled(uuid, text, boolean)'),
('public.integration_feature_set_enabled(uuid, text, boolean)'),
('public.integration_feature_set_trigger(uuid, text, public.sync_trigger_type, jsonb)');

select is_empty($$
    select signature::text from rpcs
    where not has_function_privilege('authenticated', signature, 'execute')
        or not has_function_privilege('service_role', signature, 'execute')
$$, 'authenticated and service_role may call every RPC');
select is_empty($$
    select signature::text from rpcs where has_function_privilege('anon', signature, 'execute')
$$, 'anon may call none');
select is_empty($$
    select r.signature::text from rpcs as r join pg_proc as p on p.oid = r.signature
    where exists (select from aclexplode(p.proacl) as a where a.grantee = 0)
$$, 'none is executable by PUBLIC');
select is(
    (select array_agg(p.proname::text order by p.proname) from rpcs as r join pg_proc as p on p.oid = r.signature
     where p.prosecdef),
    '{integration_request_sync,integration_send_to,integration_set_enabled}'::text[],
    'security definer exactly where the RPC must write what clients may not (logs, enabled_by)');
select ok(
    has_function_privilege('service_role', 'private.enqueue_sync_run(uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid)', 'execute')
    and not has_function_privilege('authenticated', 'private.enqueue_sync_run(uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid)', 'execute')
    and not has_function_privilege('anon', 'private.enqueue_sync_run(uuid, uuid, public.sync_trigger_type, text, text, text, jsonb, uuid)', 'execute'),
    'private.enqueue_sync_run: service_role only');

select * from finish();
rollback;
