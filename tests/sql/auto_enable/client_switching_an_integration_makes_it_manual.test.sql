-- Proves: when a person (a client request, role authenticated) switches an auto-enabled
-- integration off, it becomes 'manual' and the country trigger no longer turns it back on;
-- the trigger's own switching keeps 'auto'.
begin;
select plan(3);
select tests.register_auto_enable_providers();

select tests.create_user('switcher');
insert into public.projects (id, name, country_code, created_by)
values (tests.id('switch'), 'Switch', 'GB', tests.user_id('switcher'));

select tests.authenticate_as('switcher');
update public.project_integrations as pi set is_enabled = false
from public.integration_providers as p
where pi.provider_id = p.id and p.key = 'fixture_local' and pi.project_id = tests.id('switch');
select tests.clear_authentication();

select results_eq(
    $$select * from tests.integrations_of(tests.id('switch'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', false, 'manual', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'the owner switching fixture_local off makes it manual; the others stay auto'
);

update public.projects set country_code = 'US' where id = tests.id('switch');
update public.projects set country_code = 'GB' where id = tests.id('switch');
select results_eq(
    $$select * from tests.integrations_of(tests.id('switch'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', false, 'manual', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'GB->US->GB: the trigger switched fixture_ledger off and on again as auto, and left fixture_local off'
);

select tests.authenticate_as('switcher');
select throws_ok(
    $$update public.project_integrations set enabled_by = 'auto' where project_id = tests.id('switch')$$,
    '42501', null, 'a client cannot hand an integration back to the trigger by writing enabled_by'
);
select tests.clear_authentication();

select * from finish();
rollback;
