-- Proves: integration_client_action refuses what it cannot run with a documented SQLSTATE
-- and a message naming the problem -- PB404 unknown provider or action (hint: what
-- exists), PB422 params of the wrong shape, PB501 an action the catalogue names but no
-- function implements -- never a silent null; anon cannot call it at all. The mechanism is
-- shown on the fixture provider fixture_ledger (tests/fixture_provider/), the unknown
-- provider is a key the catalogue cannot hold (no-such-provider: not ^[a-z][a-z0-9_]*$).
begin;
select plan(14);
select tests.create_user('dispatcher_user');
select tests.authenticate_as('dispatcher_user');

select throws_ok($$select public.integration_client_action('no-such-provider', 'validate_entry', '{}')$$,
    'PB404', 'unknown provider "no-such-provider"', 'an unknown provider: PB404 naming it');
select throws_ok($$select public.integration_client_action(null, 'validate_entry', '{}')$$,
    'PB404', 'unknown provider "null"', 'a null provider: PB404');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'validate_vrn', '{}')$$,
    'PB404', 'provider "fixture_ledger" has no client action "validate_vrn"',
    'another provider''s action: PB404 naming provider and action');
select throws_ok($$select public.integration_client_action('fixture_ledger', null, '{}')$$,
    'PB404', 'provider "fixture_ledger" has no client action "null"', 'a null action: PB404');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'testConnection', '{}')$$,
    'PB404', null, 'a server action is not a client action');
select matches(
    tests.error_of($$select public.integration_client_action('fixture_ledger', 'nope', '{}')$$),
    'PB404', 'the error is PB404');
select is(
    (select r ->> 'sqlstate' from (select tests.jsonb_after('dispatcher_user', null,
        $$select to_jsonb(public.integration_client_action('nope', 'x', '{}'))$$)) as q (r)),
    'PB404', 'PB404 also through a PostgREST-style request');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'validate_entry', null)$$,
    'PB422', 'params must be a JSON object, not null', 'null params: PB422');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'validate_entry', '[1]')$$,
    'PB422', 'params must be a JSON object, not array', 'array params: PB422');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'validate_entry', '{"transaction_id": "1", "x": 1}')$$,
    'PB422', 'params.x: unknown key', 'an unknown key: PB422 naming it');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'validate_entry', '{}')$$,
    'PB422', 'params.transaction_id: required', 'a missing key: PB422 naming it');
select throws_ok(
    $$select public.integration_client_action('fixture_ledger', 'validate_entry', '{"transaction_id": "abc"}')$$,
    'PB422', 'params.transaction_id: must be a uuid, not "abc"', 'a bad uuid: PB422 naming the key');
select tests.clear_authentication();

update public.integration_providers set client_actions = client_actions || '{ghost_action}' where key = 'fixture_ledger';
select tests.authenticate_as('dispatcher_user');
select throws_ok($$select public.integration_client_action('fixture_ledger', 'ghost_action', '{}')$$,
    'PB501', 'client action fixture_ledger.ghost_action is in the catalogue but not installed',
    'an action the catalogue names without a function: PB501');
select tests.clear_authentication();

select tests.authenticate_as_anon();
select throws_ok($$select public.integration_client_action('fixture_ledger', 'validate_entry', '{"transaction_id": "00000000-0000-0000-0000-000000000000"}')$$,
    '42501', null, 'anon may not call the dispatcher');
select tests.clear_authentication();

select * from finish();
rollback;
