-- Proves: auth.uid(), auth.role(), auth.email() and auth.jwt() behave as Supabase's: they
-- read request.jwt.claim.<name> when set and non-empty, else that claim of
-- request.jwt.claims (all PostgREST 9+ sets); empty settings (what a transaction that set
-- them leaves behind) give null, not an error; and the test helpers act as PostgREST does.
begin;
select plan(21);

select tests.create_user('claims_user');

-- nothing set
select is(auth.uid(), null, 'no claims: auth.uid() is null');
select is(auth.role(), null, 'no claims: auth.role() is null');
select is(auth.jwt(), null, 'no claims: auth.jwt() is null');

-- PostgREST 9+: only request.jwt.claims
select set_config('request.jwt.claims',
    json_build_object('sub', tests.user_id('claims_user'), 'role', 'authenticated', 'email', 'claims_user@test.invalid', 'aal', 'aal1')::text,
    true);
select is(auth.uid(), tests.user_id('claims_user'), 'auth.uid() falls back to the sub of request.jwt.claims');
select is(auth.role(), 'authenticated', 'auth.role() reads role from request.jwt.claims');
select is(auth.email(), 'claims_user@test.invalid', 'auth.email() reads email from request.jwt.claims');
select is(auth.jwt() ->> 'aal', 'aal1', 'auth.jwt() returns the whole claims object');
select is(pg_typeof(auth.jwt())::text, 'jsonb', 'auth.jwt() returns jsonb');
select is(pg_typeof(auth.uid())::text, 'uuid', 'auth.uid() returns uuid');

-- older PostgREST: request.jwt.claim.sub wins when set
select set_config('request.jwt.claim.sub', '00000000-0000-4000-8000-000000000001', true);
select set_config('request.jwt.claim.role', 'service_role', true);
select is(auth.uid(), '00000000-0000-4000-8000-000000000001'::uuid, 'auth.uid() prefers request.jwt.claim.sub when set');
select is(auth.role(), 'service_role', 'auth.role() prefers request.jwt.claim.role when set');
select set_config('request.jwt.claim.sub', '', true);
select set_config('request.jwt.claim.role', '', true);
select is(auth.uid(), tests.user_id('claims_user'), 'an empty request.jwt.claim.sub falls back to request.jwt.claims');
select is(auth.role(), 'authenticated', 'an empty request.jwt.claim.role falls back to request.jwt.claims');

select set_config('request.jwt.claim', '{"sub": "legacy", "role": "anon"}', true);
select is(auth.jwt() ->> 'sub', 'legacy', 'auth.jwt() prefers request.jwt.claim when set');
select set_config('request.jwt.claim', '', true);

-- empty string, as a finished transaction leaves the setting
select set_config('request.jwt.claims', '', true);
select lives_ok($$select auth.uid(), auth.role(), auth.jwt()$$, 'empty request.jwt.claims: no error');
select is(auth.uid(), null, 'empty request.jwt.claims: auth.uid() is null');

-- the helpers do what PostgREST does
select tests.authenticate_as('claims_user');
select is(current_user::text, 'authenticated', 'tests.authenticate_as: set local role authenticated');
select is(auth.uid(), tests.user_id('claims_user'), 'tests.authenticate_as: auth.uid() is the user');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select is(concat_ws(' ', current_user, auth.role(), coalesce(auth.uid()::text, 'no user')), 'anon anon no user',
    'tests.authenticate_as_anon: role anon, claims role anon, no user');
select tests.clear_authentication();
select tests.authenticate_as_service_role();
select is(auth.role(), 'service_role', 'tests.authenticate_as_service_role: role service_role');
select tests.clear_authentication();
select is(current_user::text, session_user::text, 'tests.clear_authentication: back to the test''s own role');

select * from finish();
rollback;
