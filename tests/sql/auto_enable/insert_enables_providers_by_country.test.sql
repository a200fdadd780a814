-- Proves: creating a project switches on the providers whose auto-enable countries cover
-- its country -- of the fixture providers (tests.register_auto_enable_providers), GB:
-- fixture_ledger, fixture_local and fixture_wide; US: fixture_wide -- each Pending,
-- enabled, enabled_by auto, with every catalogue feature enabled on its default trigger
-- and config; an unsupported country (FR) or none gives nothing and no error.
begin;
select plan(10);
select tests.register_auto_enable_providers();

insert into public.projects (id, name, country_code) values (tests.id('gb'), 'GB project', 'GB');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb'))$$,
    $$values ('fixture_ledger', true, 'auto', 'Pending'), ('fixture_local', true, 'auto', 'Pending'), ('fixture_wide', true, 'auto', 'Pending')$$,
    'GB: fixture_ledger, fixture_local and fixture_wide enabled by auto, Pending'
);
select results_eq(
    $$select provider_key, enabled_on_default = catalogue_features and catalogue_features > 0 from tests.default_features_of(tests.id('gb'))$$,
    $$values ('fixture_ledger', true), ('fixture_local', true), ('fixture_wide', true)$$,
    'GB: every feature of the three fixture providers is enabled on its default trigger and config'
);
select is_empty(
    $$select 1 from public.v_project_integration_features where project_id = tests.id('gb') and not (is_enabled and integration_enabled)$$,
    'GB: no feature of the project is disabled'
);
select set_has(
    $$select feature_key from public.v_project_integration_features where project_id = tests.id('gb') and provider_key = 'fixture_wide' and is_enabled$$,
    $$select unnest(array['pulls', 'pushes'])$$,
    'GB: both fixture_wide features are there, enabled'
);

insert into public.projects (id, name, country_code) values (tests.id('us'), 'US project', 'US');
select results_eq(
    $$select * from tests.integrations_of(tests.id('us'))$$,
    $$values ('fixture_wide', true, 'auto', 'Pending')$$,
    'US: only fixture_wide, enabled by auto, Pending'
);
select results_eq(
    $$select provider_key, enabled_on_default = catalogue_features and catalogue_features > 0 from tests.default_features_of(tests.id('us'))$$,
    $$values ('fixture_wide', true)$$,
    'US: every fixture_wide feature enabled on its default trigger'
);

select lives_ok(
    $$insert into public.projects (id, name, country_code) values (tests.id('fr'), 'FR project', 'FR')$$,
    'FR (no provider covers it): the project is created without error'
);
select is_empty($$select * from tests.integrations_of(tests.id('fr'))$$, 'FR: no integrations');

select lives_ok(
    $$insert into public.projects (id, name, country_code) values (tests.id('none'), 'No country', null)$$,
    'no country: the project is created without error'
);
select is_empty($$select * from tests.integrations_of(tests.id('none'))$$, 'no country: no integrations');

select * from finish();
rollback;
