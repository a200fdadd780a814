-- Proves: Vault works for service_role as Supabase Vault does: vault.create_secret stores a
-- secret (encrypted at rest: vault.secrets holds ciphertext only), vault.decrypted_secrets
-- gives it back, vault.update_secret replaces secret, name or description (null keeps),
-- names are unique, and service_role may delete a secret.
begin;
select plan(14);

select tests.authenticate_as_service_role();

create temp table created on commit drop as
select vault.create_secret('s3cr3t-token-value', 'pb_test_secret', 'a test secret') as id;
select isnt((select id from created), null, 'service_role: vault.create_secret returns the new secret''s id');

select results_eq(
    $$select name, description, decrypted_secret from vault.decrypted_secrets where id = (select id from created)$$,
    $$values ('pb_test_secret'::text, 'a test secret'::text, 's3cr3t-token-value'::text)$$,
    'vault.decrypted_secrets gives the secret back with its name and description'
);
select isnt(
    (select secret from vault.secrets where id = (select id from created)), 's3cr3t-token-value',
    'vault.secrets does not hold the secret in clear'
);
select is(
    (select strpos(secret, 's3cr3t') from vault.secrets where id = (select id from created)), 0,
    'the stored ciphertext does not contain the secret'
);
select isnt((select key_id from vault.secrets where id = (select id from created)), null, 'the secret records the id of the key that encrypted it');

select lives_ok(
    $$select vault.update_secret((select id from created), 'rotated-token')$$,
    'service_role: vault.update_secret with a new secret'
);
select results_eq(
    $$select name, description, decrypted_secret from vault.decrypted_secrets where id = (select id from created)$$,
    $$values ('pb_test_secret'::text, 'a test secret'::text, 'rotated-token'::text)$$,
    'update_secret replaced the secret and kept name and description (null keeps)'
);
select vault.update_secret((select id from created), null, 'pb_test_secret_renamed', 'renamed');
select results_eq(
    $$select name, description, decrypted_secret from vault.decrypted_secrets where id = (select id from created)$$,
    $$values ('pb_test_secret_renamed'::text, 'renamed'::text, 'rotated-token'::text)$$,
    'update_secret with a null secret keeps it and changes name and description'
);

create temp table unnamed on commit drop as select vault.create_secret('only-a-secret') as id;
select results_eq(
    $$select name, description, decrypted_secret from vault.decrypted_secrets where id = (select id from unnamed)$$,
    $$values (null::text, ''::text, 'only-a-secret'::text)$$,
    'create_secret defaults: no name, empty description'
);

select throws_ok(
    $$select vault.create_secret('other', 'pb_test_secret_renamed')$$,
    '23505', null, 'secret names are unique'
);
select throws_ok(
    $$insert into vault.secrets (secret) values ('plain')$$,
    '42501', null, 'service_role cannot insert into vault.secrets directly (only through create_secret)'
);
select throws_ok(
    $$select * from vault._keys()$$,
    '42501', null, 'service_role cannot read the encryption keys'
);

select results_eq(
    $$with gone as (delete from vault.secrets where id = (select id from created) returning 1) select count(*)::int from gone$$,
    $$values (1)$$,
    'service_role may delete a secret'
);
select is((select count(*)::int from vault.decrypted_secrets where id = (select id from created)), 0, 'a deleted secret is gone');

select tests.clear_authentication();

select * from finish();
rollback;
