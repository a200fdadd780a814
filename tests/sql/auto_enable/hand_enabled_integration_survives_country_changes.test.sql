-- Proves: an integration a person enabled or disabled (enabled_by = 'manual') is never
-- touched by the country trigger: a hand-enabled one stays on when the country stops
-- covering it (or becomes null), and a hand-disabled one stays off when it covers it again.
begin;
select plan(5);

insert into public.projects (id, name, country_code) values (tests.id('hand'), 'Hand', 'GB');

-- a person takes over hmrc (keeps it on) and switches quickbooks off
update public.project_integrations as pi set enabled_by = 'manual', is_enabled = true
from public.integration_providers as p
where pi.provider_id = p.id and p.key = 'hmrc' and pi.project_id = tests.id('hand');
update public.project_integrations as pi set enabled_by = 'manual', is_enabled = false
from public.integration_providers as p
where pi.provider_id = p.id and p.key = 'quickbooks' and pi.project_id = tests.id('hand');

update public.projects set country_code = 'US' where id = tests.id('hand');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand'))$$,
    $$values ('companies_house', false, 'auto', 'Pending'), ('hmrc', true, 'manual', 'Pending'), ('quickbooks', false, 'manual', 'Pending')$$,
    'GB->US: hand-enabled hmrc stays on, hand-disabled quickbooks stays off; auto companies_house goes off'
);

update public.projects set country_code = null where id = tests.id('hand');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand')) where enabled_by = 'manual'$$,
    $$values ('hmrc', true, 'manual', 'Pending'), ('quickbooks', false, 'manual', 'Pending')$$,
    'US->null: the hand-set integrations are unchanged'
);

update public.projects set country_code = 'GB' where id = tests.id('hand');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand'))$$,
    $$values ('companies_house', true, 'auto', 'Pending'), ('hmrc', true, 'manual', 'Pending'), ('quickbooks', false, 'manual', 'Pending')$$,
    'null->GB: quickbooks, switched off by hand, is not switched back on; companies_house is'
);

-- hand-enabled where the country never covered it
insert into public.projects (id, name, country_code) values (tests.id('hand_fr'), 'Hand FR', 'FR');
insert into public.project_integrations (project_id, provider_id, enabled_by)
select tests.id('hand_fr'), p.id, 'manual' from public.integration_providers as p where p.key = 'hmrc';
update public.projects set country_code = 'US' where id = tests.id('hand_fr');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand_fr'))$$,
    $$values ('hmrc', true, 'manual', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'FR->US: hmrc, enabled by hand in an uncovered country, stays on beside the auto quickbooks'
);
update public.projects set country_code = 'CA' where id = tests.id('hand_fr');
select results_eq(
    $$select * from tests.integrations_of(tests.id('hand_fr'))$$,
    $$values ('hmrc', true, 'manual', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'US->CA: both stay on (quickbooks covers CA too)'
);

select * from finish();
rollback;
