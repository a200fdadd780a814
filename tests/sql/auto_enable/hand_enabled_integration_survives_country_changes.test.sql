-- Proves: an integration a person enabled or disabled (enabled_by = 'manual') is never
-- touched by the country trigger: a hand-enabled one stays on when the country stops
-- covering it (or becomes null), and a hand-disabled one stays off when it covers it again.
begin;
select plan(5);
select tests.register_auto_enable_providers();

insert into public.projects (id, name, country_code) values (tests.id('hand'), 'Hand', 'GB');

-- a person takes over fixture_local (keeps it on) and switches fixture_wide off
update public.project_integrations as pi set enabled_by = 'manual', is_enabled = true
from public.integration_providers as p
where pi.provider_id = p.id and p.key = 'fixture_local' and pi.project_id = tests.id('hand');
update public.project_integrations as pi set enabled_by = 'manual', is_enabled = false
from public.integration_providers as p
where pi.provider_id = p.id and p.key = 'fixture_wide' and pi.project_id = tests.id('hand');

update public.projects set country_code = 'US' where id = tests.id('hand');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand'))$$,
    $$values ('fixture_ledger', false, 'auto', 'Pending'), ('fixture_local', true, 'manual', 'Pending'), ('fixture_wide', false, 'manual', 'Pending')$$,
    'GB->US: hand-enabled fixture_local stays on, hand-disabled fixture_wide stays off; auto fixture_ledger goes off'
);

update public.projects set country_code = null where id = tests.id('hand');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand')) where enabled_by = 'manual'$$,
    $$values ('fixture_local', true, 'manual', 'Pending'), ('fixture_wide', false, 'manual', 'Pending')$$,
    'US->null: the hand-set integrations are unchanged'
);

update public.projects set country_code = 'GB' where id = tests.id('hand');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', true, 'manual', 'Pending'), ('fixture_wide', false, 'manual', 'Pending')$$,
    'null->GB: fixture_wide, switched off by hand, is not switched back on; fixture_ledger is'
);

-- hand-enabled where the country never covered it
insert into public.projects (id, name, country_code) values (tests.id('hand_fr'), 'Hand FR', 'FR');
insert into public.project_integrations (project_id, provider_id, enabled_by)
select tests.id('hand_fr'), p.id, 'manual' from public.integration_providers as p where p.key = 'fixture_local';
update public.projects set country_code = 'US' where id = tests.id('hand_fr');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand_fr'))$$,
    $$values ('fixture_local', true, 'manual', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'FR->US: fixture_local, enabled by hand in an uncovered country, stays on beside the auto fixture_wide'
);
update public.projects set country_code = 'CA' where id = tests.id('hand_fr');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand_fr'))$$,
    $$values ('fixture_local', true, 'manual', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'US->CA: both stay on (fixture_wide covers CA too)'
);

select * from finish();
rollback;
