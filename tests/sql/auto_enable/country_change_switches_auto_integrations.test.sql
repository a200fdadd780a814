-- Proves: changing a project's country disables the auto-enabled integrations the new
-- country is not covered by (keeping their rows) and enables those it is covered by:
-- GB->US, US->GB, GB->null, null->GB, and GB->US->GB re-enables the same rows.
begin;
select plan(10);

insert into public.projects (id, name, country_code) values
(tests.id('gb_to_us'), 'GB then US', 'GB'),
(tests.id('us_to_gb'), 'US then GB', 'US'),
(tests.id('gb_to_none'), 'GB then none', 'GB'),
(tests.id('none_to_gb'), 'none then GB', null);

-- GB -> US
update public.projects set country_code = 'US' where id = tests.id('gb_to_us');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb_to_us'))$$,
    $$values ('companies_house', false, 'auto', 'Pending'), ('hmrc', false, 'auto', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'GB->US: quickbooks stays enabled; companies_house and hmrc are disabled, their rows kept'
);

-- US -> GB
update public.projects set country_code = 'GB' where id = tests.id('us_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('us_to_gb'))$$,
    $$values ('companies_house', true, 'auto', 'Pending'), ('hmrc', true, 'auto', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'US->GB: companies_house and hmrc are added, enabled by auto and Pending; quickbooks stays'
);
select results_eq(
    $$select provider_key, enabled_on_default = catalogue_features and catalogue_features > 0 from tests.default_features_of(tests.id('us_to_gb'))$$,
    $$values ('companies_house', true), ('hmrc', true), ('quickbooks', true)$$,
    'US->GB: the added providers have every feature enabled on its default trigger'
);

-- GB -> null
update public.projects set country_code = null where id = tests.id('gb_to_none');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb_to_none'))$$,
    $$values ('companies_house', false, 'auto', 'Pending'), ('hmrc', false, 'auto', 'Pending'), ('quickbooks', false, 'auto', 'Pending')$$,
    'GB->null: every auto-enabled integration is disabled'
);

-- null -> GB
update public.projects set country_code = 'GB' where id = tests.id('none_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('none_to_gb'))$$,
    $$values ('companies_house', true, 'auto', 'Pending'), ('hmrc', true, 'auto', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'null->GB: the three GB providers are enabled'
);

-- GB -> US -> GB: the very same rows come back on
create temp table before_ids on commit drop as
select id, provider_id from public.project_integrations where project_id = tests.id('gb_to_us');
update public.projects set country_code = 'GB' where id = tests.id('gb_to_us');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb_to_us'))$$,
    $$values ('companies_house', true, 'auto', 'Pending'), ('hmrc', true, 'auto', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'GB->US->GB: companies_house and hmrc are enabled again'
);
select set_eq(
    $$select id from public.project_integrations where project_id = tests.id('gb_to_us')$$,
    $$select id from before_ids$$,
    'GB->US->GB: re-enabling reuses the integrations (same ids), none added or lost'
);

-- a connected integration keeps its status when switched off and on
update public.project_integrations set status = 'Connected'
where project_id = tests.id('us_to_gb') and provider_id = (select id from public.integration_providers where key = 'hmrc');
update public.projects set country_code = 'US' where id = tests.id('us_to_gb');
update public.projects set country_code = 'GB' where id = tests.id('us_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('us_to_gb')) where provider_key = 'hmrc'$$,
    $$values ('hmrc', true, 'auto', 'Connected')$$,
    'GB->US->GB: a connected integration comes back enabled and still Connected'
);

-- updates that leave the country alone change nothing
update public.project_integrations set is_enabled = false
where project_id = tests.id('none_to_gb') and provider_id = (select id from public.integration_providers where key = 'quickbooks');
update public.projects set name = 'renamed', country_code = 'GB' where id = tests.id('none_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('none_to_gb')) where provider_key = 'quickbooks'$$,
    $$values ('quickbooks', false, 'auto', 'Pending')$$,
    'an update that keeps the country (GB->GB) does not touch the integrations'
);

-- an unsupported country: everything auto goes off, nothing new, no error
select lives_ok(
    $$update public.projects set country_code = 'FR' where id = tests.id('us_to_gb')$$,
    'GB->FR: no error'
);

select * from finish();
rollback;
