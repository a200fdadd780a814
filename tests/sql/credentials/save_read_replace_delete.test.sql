-- Proves: as service_role, save_credential puts the secret into Vault (ciphertext only in
-- vault.secrets) and the facts into integration_credentials; credential_secret reads it
-- back; saving again replaces the secret in the same Vault secret and keeps facts given as
-- null; scopes are enforced (a per-project provider has no global credential and the
-- reverse); delete_credential removes the row and its Vault secret, and so does a cascade
-- from a deleted project.
begin;
select plan(12);

select tests.create_user('cred_owner');
insert into public.projects (id, name, country_code, created_by)
values ('00000000-0000-0000-0000-00000000c001', 'Cred Ltd', 'GB', tests.user_id('cred_owner'));
create temp table qbo on commit drop as
select pi.id from public.project_integrations as pi
join public.integration_providers as p on p.id = pi.provider_id
where pi.project_id = '00000000-0000-0000-0000-00000000c001' and p.key = 'quickbooks';
grant select on qbo to service_role;

select tests.authenticate_as_service_role();
create temp table saved on commit drop as
select private.save_credential(
    'quickbooks', (select id from qbo), '{"access_token": "at-1", "refresh_token": "rt-1"}',
    now() + interval '1 hour', now() + interval '100 days', array['com.intuit.quickbooks.accounting'], '934'
) as id;

select results_eq(
    $$select private.credential_secret((select id from saved))$$,
    $$values ('{"access_token": "at-1", "refresh_token": "rt-1"}'::jsonb)$$,
    'credential_secret gives the saved secret back'
);
select results_eq(
    $$select scope::text, external_account_id, scopes from public.integration_credentials where id = (select id from saved)$$,
    $$values ('per_project', '934', array['com.intuit.quickbooks.accounting'])$$,
    'the facts are in integration_credentials'
);
select is(
    (select strpos(s.secret, 'rt-1') from vault.secrets as s
     join public.integration_credentials as c on c.vault_secret_id = s.id where c.id = (select id from saved)),
    0, 'vault.secrets holds ciphertext only'
);
create temp table secret_before on commit drop as
select vault_secret_id from public.integration_credentials where id = (select id from saved);

select is(
    private.save_credential('quickbooks', (select id from qbo), '{"access_token": "at-2", "refresh_token": "rt-2"}'),
    (select id from saved), 'saving again replaces the same credential'
);
select results_eq(
    $$select private.credential_secret((select id from saved)) ->> 'refresh_token', c.external_account_id,
             c.vault_secret_id = (select vault_secret_id from secret_before)
      from public.integration_credentials as c where c.id = (select id from saved)$$,
    $$values ('rt-2'::text, '934'::text, true)$$,
    'the new secret in the same Vault secret; facts given as null are kept'
);
select is(
    (select count(*)::int from public.integration_credentials where project_integration_id = (select id from qbo)),
    1, 'still one credential for the integration'
);

select throws_ok(
    $$select private.save_credential('quickbooks', null, '{"access_token": "x"}')$$,
    'PB400', 'QuickBooks Online keeps per-project credentials', 'a per-project provider has no global credential'
);
select throws_ok(
    $$select private.save_credential('companies_house', (select id from qbo), '{"api_key": "x"}')$$,
    'PB400', 'Companies House keeps one global credentials', 'a global provider has no per-project credential'
);
select throws_ok(
    $$select private.save_credential('quickbooks', (select id from qbo), '"a string"')$$,
    'PB400', 'a credential secret is a JSON object', 'the secret is a JSON object'
);

select ok(private.delete_credential((select id from saved)), 'delete_credential deletes it');
select is(
    (select count(*)::int from vault.secrets where id = (select vault_secret_id from secret_before)),
    0, 'and its Vault secret'
);

create temp table second on commit drop as
select vault_secret_id as id from public.integration_credentials
where id = private.save_credential('quickbooks', (select id from qbo), '{"access_token": "at-3"}');
select tests.clear_authentication();
delete from public.projects where id = '00000000-0000-0000-0000-00000000c001';
select is((select count(*)::int from vault.secrets where id = (select id from second)), 0,
    'a deleted project takes its credentials'' Vault secrets with it');

select * from finish();
rollback;
