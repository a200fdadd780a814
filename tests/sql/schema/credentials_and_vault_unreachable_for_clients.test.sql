-- Proves: integration_credentials and Vault are unreachable for anon and authenticated --
-- no privilege on the table or the Vault schema, relations and functions -- while
-- service_role may use both.
begin;
select plan(22);

select ok(not has_table_privilege('anon', 'public.integration_credentials', 'select, insert, update, delete'), 'anon: no privilege on integration_credentials');
select ok(not has_table_privilege('authenticated', 'public.integration_credentials', 'select, insert, update, delete'), 'authenticated: no privilege on integration_credentials');
select ok(has_table_privilege('service_role', 'public.integration_credentials', 'select') and has_table_privilege('service_role', 'public.integration_credentials', 'insert')
    and has_table_privilege('service_role', 'public.integration_credentials', 'update') and has_table_privilege('service_role', 'public.integration_credentials', 'delete'), 'service_role: may read and write integration_credentials');
select is_empty(
    $$select polname from pg_policy where polrelid = 'public.integration_credentials'::regclass$$,
    'integration_credentials has no policy for anyone'
);
select ok(
    (select relrowsecurity from pg_class where oid = 'public.integration_credentials'::regclass),
    'integration_credentials has RLS enabled (a grant by mistake still shows nothing)'
);

select ok(not has_schema_privilege('anon', 'vault', 'usage'), 'anon: no usage on schema vault');
select ok(not has_schema_privilege('authenticated', 'vault', 'usage'), 'authenticated: no usage on schema vault');
select ok(has_schema_privilege('service_role', 'vault', 'usage'), 'service_role: usage on schema vault');
select ok(not has_table_privilege('anon', 'vault.secrets', 'select, insert, update, delete'), 'anon: no privilege on vault.secrets');
select ok(not has_table_privilege('authenticated', 'vault.secrets', 'select, insert, update, delete'), 'authenticated: no privilege on vault.secrets');
select ok(not has_table_privilege('anon', 'vault.decrypted_secrets', 'select'), 'anon: cannot select vault.decrypted_secrets');
select ok(not has_table_privilege('authenticated', 'vault.decrypted_secrets', 'select'), 'authenticated: cannot select vault.decrypted_secrets');
select ok(has_table_privilege('service_role', 'vault.decrypted_secrets', 'select'), 'service_role: may select vault.decrypted_secrets');
select ok(not has_table_privilege('service_role', 'vault.secrets', 'insert'), 'service_role: no direct insert into vault.secrets (create_secret only)');
select ok(not has_table_privilege('service_role', 'vault.secrets', 'update'), 'service_role: no direct update of vault.secrets (update_secret only)');
select ok(not has_function_privilege('anon', 'vault.create_secret(text, text, text, uuid)', 'execute'), 'anon: cannot execute vault.create_secret');
select ok(not has_function_privilege('authenticated', 'vault.create_secret(text, text, text, uuid)', 'execute'), 'authenticated: cannot execute vault.create_secret');
select ok(not has_function_privilege('authenticated', 'vault.update_secret(uuid, text, text, text, uuid)', 'execute'), 'authenticated: cannot execute vault.update_secret');
select ok(has_function_privilege('service_role', 'vault.create_secret(text, text, text, uuid)', 'execute'), 'service_role: may execute vault.create_secret');
select is_empty(
    $$
    select p.oid::regprocedure::text from pg_proc as p
    where p.pronamespace = 'vault'::regnamespace
        and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
    $$,
    'no function in vault is executable by anon or authenticated'
);

-- and as a request would run: permission denied, not an empty result
select tests.authenticate_as_anon();
select throws_ok($$select count(*) from public.integration_credentials$$, '42501', null, 'anon selecting integration_credentials: permission denied');
select tests.clear_authentication();
select tests.create_user('cred_reader');
select tests.authenticate_as('cred_reader');
select throws_ok($$select count(*) from public.integration_credentials$$, '42501', null, 'authenticated selecting integration_credentials: permission denied');
select tests.clear_authentication();

select * from finish();
rollback;
