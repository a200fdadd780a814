-- Proves (issue #18, connection CSRF and replays): private.take_oauth_state gives a state
-- only to the browser that started it (the hash of its cookie's nonce): from another
-- browser, or without a cookie, it is 'other_browser' with no ids or verifier and the
-- state stays usable by its own browser; an unknown, expired or replayed state is refused
-- and writes nothing (used_at unchanged).
begin;
select plan(7);

select tests.create_user('csrf_owner');
insert into public.projects (id, name, country_code, created_by)
values ('00000000-0000-0000-0000-00000000c5f1', 'CSRF Ltd', 'GB', tests.user_id('csrf_owner'));

create function pg_temp.begin_in_browser(p_state text, p_browser text)
returns uuid language plpgsql as $$
begin
    perform set_config('request.jwt.claims',
        json_build_object('sub', tests.user_id('csrf_owner'), 'role', 'authenticated')::text, true);
    set local role service_role;
    return private.begin_oauth('00000000-0000-0000-0000-00000000c5f1', 'quickbooks',
        p_state, p_browser, 'verifier', interval '10 minutes');
end
$$;

select pg_temp.begin_in_browser(repeat('a', 64), repeat('1', 64));
select results_eq(
    $$select outcome, project_integration_id, user_id, code_verifier
      from private.take_oauth_state(repeat('a', 64), 'quickbooks', repeat('2', 64))$$,
    $$values ('other_browser'::text, null::uuid, null::uuid, null::text)$$,
    'another browser gets other_browser, and no ids or verifier'
);
select results_eq(
    $$select outcome from private.take_oauth_state(repeat('a', 64), 'quickbooks', null)$$,
    $$values ('other_browser'::text)$$, 'so does a browser without the cookie'
);
reset role;
select is((select used_at from private.oauth_states where state_hash = repeat('a', 64)), null,
    'neither used the state up');
set local role service_role;
select results_eq(
    $$select outcome, code_verifier from private.take_oauth_state(repeat('a', 64), 'quickbooks', repeat('1', 64))$$,
    $$values ('ok'::text, 'verifier'::text)$$, 'the browser that started it still gets it'
);
reset role;

create temp table written as select to_jsonb(s) as row from private.oauth_states as s;
select pg_temp.begin_in_browser(repeat('c', 64), repeat('1', 64));
reset role;
update private.oauth_states set expires_at = now() - interval '1 second' where state_hash = repeat('c', 64);
insert into written select to_jsonb(s) from private.oauth_states as s where s.state_hash = repeat('c', 64);
grant select on written to service_role;
set local role service_role;
select results_eq(
    $$select outcome, project_integration_id from private.take_oauth_state(repeat('c', 64), 'quickbooks', repeat('1', 64))
      union all
      select outcome, project_integration_id from private.take_oauth_state(repeat('a', 64), 'quickbooks', repeat('1', 64))
      union all
      select outcome, project_integration_id from private.take_oauth_state(repeat('f', 64), 'quickbooks', repeat('1', 64))$$,
    $$values ('expired'::text, null::uuid), ('replayed', null), ('unknown', null)$$,
    'expired, replayed and unknown states are refused without ids'
);
reset role;
select set_eq(
    $$select to_jsonb(s) from private.oauth_states as s$$,
    $$select row from written$$,
    'and they wrote nothing: the expired state is not marked used, the used one unchanged'
);
select is(
    (select count(*)::int from public.integration_sync_logs), 0, 'and logged nothing'
);

select * from finish();
rollback;
