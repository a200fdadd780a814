-- Proves: private.begin_oauth binds a state (kept hashed) to the signed-in user and the
-- project integration when they hold integration:manage (PB403 otherwise, PB401 signed
-- out, PB404 for a project without the integration, PB400 for a non-OAuth provider);
-- take_oauth_state gives 'ok' once with the PKCE verifier, then 'replayed'; an expired
-- state is 'expired' without the verifier; an unknown state or another provider's is
-- 'unknown'.
begin;
select plan(10);

select tests.create_user('oauth_owner');
select tests.create_user('oauth_member');
insert into public.projects (id, name, country_code, created_by)
values ('00000000-0000-0000-0000-00000000a001', 'OAuth Ltd', 'GB', tests.user_id('oauth_owner'));
select tests.add_member('00000000-0000-0000-0000-00000000a001', 'oauth_member', 'project:member');

create function pg_temp.begin_as(p_user text, p_provider text, p_hash text, p_project uuid default '00000000-0000-0000-0000-00000000a001')
returns uuid language plpgsql as $$
begin
    perform set_config('request.jwt.claims',
        json_build_object('sub', tests.user_id(p_user), 'role', 'authenticated')::text, true);
    set local role service_role;
    return private.begin_oauth(p_project, p_provider, p_hash, repeat('e', 64), 'verifier-' || p_hash, interval '10 minutes');
end
$$;

select throws_ok($$select pg_temp.begin_as('oauth_member', 'quickbooks', repeat('a', 64))$$,
    'PB403', null, 'a member without integration:manage may not start');
reset role;
select throws_ok($$select pg_temp.begin_as('oauth_owner', 'companies_house', repeat('a', 64))$$,
    'PB400', null, 'an API-key provider does not connect with OAuth');
reset role;
select throws_ok($$select pg_temp.begin_as('oauth_owner', 'quickbooks', repeat('a', 64), gen_random_uuid())$$,
    'PB403', null, 'nor in a project they do not belong to');
reset role;

select is(
    pg_temp.begin_as('oauth_owner', 'quickbooks', repeat('a', 64)),
    (select pi.id from public.project_integrations as pi join public.integration_providers as p on p.id = pi.provider_id
     where pi.project_id = '00000000-0000-0000-0000-00000000a001' and p.key = 'quickbooks'),
    'the owner starts a QuickBooks authorization for the project integration'
);
select results_eq(
    $$select outcome, user_id = tests.user_id('oauth_owner'), code_verifier from private.take_oauth_state(repeat('a', 64), 'quickbooks', repeat('e', 64))$$,
    $$values ('ok'::text, true, ('verifier-' || repeat('a', 64))::text)$$,
    'the first callback gets it with the PKCE verifier'
);
select results_eq(
    $$select outcome, code_verifier from private.take_oauth_state(repeat('a', 64), 'quickbooks', repeat('e', 64))$$,
    $$values ('replayed'::text, null::text)$$,
    'the second gets replayed, without the verifier'
);
select results_eq(
    $$select outcome, project_integration_id is null from private.take_oauth_state(repeat('f', 64), 'quickbooks', repeat('e', 64))$$,
    $$values ('unknown'::text, true)$$, 'a state never issued is unknown'
);

reset role;
select pg_temp.begin_as('oauth_owner', 'quickbooks', repeat('b', 64));
select results_eq(
    $$select outcome from private.take_oauth_state(repeat('b', 64), 'hmrc', repeat('e', 64))$$,
    $$values ('unknown'::text)$$, 'a state is only good for the provider it was issued for'
);
reset role;
select pg_temp.begin_as('oauth_owner', 'hmrc', repeat('c', 64));
reset role;
update private.oauth_states set expires_at = now() - interval '1 second' where state_hash = repeat('c', 64);
set local role service_role;
select results_eq(
    $$select outcome, code_verifier from private.take_oauth_state(repeat('c', 64), 'hmrc', repeat('e', 64))$$,
    $$values ('expired'::text, null::text)$$, 'an expired state is expired, without the verifier'
);
reset role;
select is(
    (select count(*)::int from private.oauth_states where state_hash !~ '^[0-9a-f]{64}$'), 0,
    'only hashes are kept'
);

select * from finish();
rollback;
