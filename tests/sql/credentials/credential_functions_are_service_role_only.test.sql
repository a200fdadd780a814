-- Proves: the credential, connection-status and OAuth-state functions and the
-- integration_set_api_key RPC are executable by service_role only (anon and authenticated
-- get 42501), pin search_path, and are security invoker except the two that must not be;
-- anon and authenticated still cannot reach integration_credentials, private.oauth_states
-- or Vault.
begin;
select plan(13);

create temp table fns on commit drop as
select p.oid::regprocedure as fn, p.prosecdef, p.proconfig
from pg_proc as p
join pg_namespace as n on n.oid = p.pronamespace
where (n.nspname = 'private' and p.proname in (
        'save_credential', 'credential_secret', 'delete_credential', 'record_connection',
        'record_connection_ok', 'record_connection_problem', 'record_disconnection',
        'log_connection_event', 'record_global_credential_test', 'begin_oauth', 'take_oauth_state'))
    or (n.nspname = 'public' and p.proname = 'integration_set_api_key');
grant select on fns to anon, authenticated, service_role;

select is((select count(*)::int from fns), 12, 'the twelve functions exist');
select is(
    (select count(*)::int from fns where has_function_privilege('anon', fn, 'execute')), 0,
    'anon may execute none of them'
);
select is(
    (select count(*)::int from fns where has_function_privilege('authenticated', fn, 'execute')), 0,
    'authenticated may execute none of them'
);
select is(
    (select count(*)::int from fns where has_function_privilege('service_role', fn, 'execute')), 12,
    'service_role may execute all of them'
);
select is(
    (select count(*)::int from fns where not coalesce('search_path=""' = any(proconfig), false)), 0,
    'every one pins search_path to empty'
);
select is((select count(*)::int from fns where prosecdef), 0, 'none is security definer');
select ok(
    (select bool_and(p.prosecdef) from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
     where n.nspname = 'private' and p.proname in (
        'tg_integration_credentials__delete_secret', 'tg_project_integrations__global_credential_status')),
    'only the two trigger functions that must reach what clients cannot are security definer'
);

select tests.authenticate_as_anon();
select throws_ok($$select private.credential_secret(gen_random_uuid())$$, '42501', null,
    'anon: private.credential_secret is permission denied');
select throws_ok($$select * from public.integration_credentials$$, '42501', null,
    'anon: integration_credentials is permission denied');
select tests.clear_authentication();

select tests.create_user('cred_user');
select tests.authenticate_as('cred_user');
select throws_ok($$select private.save_credential('companies_house', null, '{"api_key": "k"}')$$, '42501', null,
    'authenticated: private.save_credential is permission denied');
select throws_ok($$select * from private.oauth_states$$, '42501', null,
    'authenticated: private.oauth_states is permission denied');
select throws_ok($$select public.integration_set_api_key('companies_house', 'k')$$, '42501', null,
    'authenticated: integration_set_api_key is permission denied');
select throws_ok($$select * from vault.decrypted_secrets$$, '42501', null,
    'authenticated: vault.decrypted_secrets is permission denied');
select tests.clear_authentication();

select * from finish();
rollback;
