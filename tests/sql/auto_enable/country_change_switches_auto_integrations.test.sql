-- Proves: changing a project's country disables the auto-enabled integrations the new
-- country is not covered by (keeping their rows) and enables those it is covered by:
-- GB->US, US->GB, GB->null, null->GB, and GB->US->GB re-enables the same rows. The
-- fixture providers (tests.register_auto_enable_providers) play the catalogue.
begin;
select plan(10);
select tests.register_auto_enable_providers();

insert into public.projects (id, name, country_code) values
(tests.id('gb_to_us'), 'GB then US', 'GB'),
(tests.id('us_to_gb'), 'US then GB', 'US'),
(tests.id('gb_to_none'), 'GB then none', 'GB'),
(tests.id('none_to_gb'), 'none then GB', null);

-- GB -> US
update public.projects set country_code = 'US' where id = tests.id('gb_to_us');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb_to_us'))$$,
    $$values ('fixture_ledger', false, 'auto', 'Pending'), ('fixture_local', false, 'auto', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'GB->US: fixture_wide stays enabled; fixture_ledger and fixture_local are disabled, their rows kept'
);

-- US -> GB
update public.projects set country_code = 'GB' where id = tests.id('us_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('us_to_gb'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', true, 'auto', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'US->GB: fixture_ledger and fixture_local are added, enabled by auto and Pending; fixture_wide stays'
);
select results_eq(
    $$select provider_key, enabled_on_default = catalogue_features and catalogue_features > 0 from tests.default_features_of(tests.id('us_to_gb'))$$,
    $$values ('fixture_ledger', true), ('fixture_local', true), ('fixture_wide', true)$$,
    'US->GB: the added providers have every feature enabled on its default trigger'
);

-- GB -> null
update public.projects set country_code = null where id = tests.id('gb_to_none');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb_to_none'))$$,
    $$values ('fixture_ledger', false, 'auto', 'Pending'), ('fixture_local', false, 'auto', 'Pending'), ('fixture_wide', false, 'auto', 'Pending')$$,
    'GB->null: every auto-enabled integration is disabled'
);

-- null -> GB
update public.projects set country_code = 'GB' where id = tests.id('none_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('none_to_gb'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', true, 'auto', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'null->GB: the three fixture providers covering GB are enabled'
);

-- GB -> US -> GB: the very same rows come back on
create temp table before_ids on commit drop as
select id, provider_id from public.project_integrations where project_id = tests.id('gb_to_us');
update public.projects set country_code = 'GB' where id = tests.id('gb_to_us');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb_to_us'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', true, 'auto', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'GB->US->GB: fixture_ledger and fixture_local are enabled again'
);
select set_eq(
    $$select id from public.project_integrations where project_id = tests.id('gb_to_us')$$,
    $$select id from before_ids$$,
    'GB->US->GB: re-enabling reuses the integrations (same ids), none added or lost'
);

-- a connected integration keeps its status when switched off and on
update public.project_integrations set status = 'Connected'
where project_id = tests.id('us_to_gb') and provider_id = (select id from public.integration_providers where key = 'fixture_local');
update public.projects set country_code = 'US' where id = tests.id('us_to_gb');
update public.projects set country_code = 'GB' where id = tests.id('us_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('us_to_gb')) where provider_key = 'fixture_local'$$,
    $$values ('fixture_local', true, 'auto', 'Connected')$$,
    'GB->US->GB: a connected integration comes back enabled and still Connected'
);

-- updates that leave the country alone change nothing
update public.project_integrations set is_enabled = false
where project_id = tests.id('none_to_gb') and provider_id = (select id from public.integration_providers where key = 'fixture_wide');
update public.projects set name = 'renamed', country_code = 'GB' where id = tests.id('none_to_gb');
select results_eq(
    $$select * from tests.integrations_of(tests.id('none_to_gb')) where provider_key = 'fixture_wide'$$,
    $$values ('fixture_wide', false, 'auto', 'Pending')$$,
    'an update that keeps the country (GB->GB) does not touch the integrations'
);

-- an unsupported country: everything auto goes off, nothing new, no error
select lives_ok(
    $$update public.projects set country_code = 'FR' where id = tests.id('us_to_gb')$$,
    'GB->FR: no error'
);

select * from finish();
rollback;
