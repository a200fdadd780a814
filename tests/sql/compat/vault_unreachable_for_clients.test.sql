-- Proves: anon and authenticated, acting as a PostgREST request does, cannot read
-- vault.secrets or vault.decrypted_secrets nor call vault.create_secret or
-- vault.update_secret: every attempt is permission denied (42501).
begin;
select plan(10);

select tests.create_user('vault_user');
create temp table existing on commit drop as select vault.create_secret('existing-secret', 'pb_existing') as id;
grant select on existing to anon, authenticated;

select tests.authenticate_as_anon();
select throws_ok($$select count(*) from vault.secrets$$, '42501', null, 'anon: select vault.secrets is denied');
select throws_ok($$select decrypted_secret from vault.decrypted_secrets$$, '42501', null, 'anon: select vault.decrypted_secrets is denied');
select throws_ok($$select vault.create_secret('x')$$, '42501', null, 'anon: vault.create_secret is denied');
select throws_ok($$select vault.update_secret((select id from existing), 'x')$$, '42501', null, 'anon: vault.update_secret is denied');
select tests.clear_authentication();

select tests.authenticate_as('vault_user');
select throws_ok($$select count(*) from vault.secrets$$, '42501', null, 'authenticated: select vault.secrets is denied');
select throws_ok($$select decrypted_secret from vault.decrypted_secrets$$, '42501', null, 'authenticated: select vault.decrypted_secrets is denied');
select throws_ok($$select vault.create_secret('x')$$, '42501', null, 'authenticated: vault.create_secret is denied');
select throws_ok($$select vault.update_secret((select id from existing), 'x')$$, '42501', null, 'authenticated: vault.update_secret is denied');
select throws_ok($$delete from vault.secrets$$, '42501', null, 'authenticated: delete from vault.secrets is denied');
select tests.clear_authentication();

select is(
    (select decrypted_secret from vault.decrypted_secrets where id = (select id from existing)), 'existing-secret',
    'the secret is still there, unchanged'
);

select * from finish();
rollback;
