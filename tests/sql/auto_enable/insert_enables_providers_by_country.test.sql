-- Proves: creating a project switches on the providers whose auto-enable countries cover
-- its country -- GB: quickbooks, companies_house and hmrc; US: quickbooks -- each Pending,
-- enabled, enabled_by auto, with every catalogue feature enabled on its default trigger
-- and config; an unsupported country (FR) or none gives nothing and no error.
begin;
select plan(10);

insert into public.projects (id, name, country_code) values (tests.id('gb'), 'GB project', 'GB');
select results_eq(
    $$select * from tests.integrations_of(tests.id('gb'))$$,
    $$values ('companies_house', true, 'auto', 'Pending'), ('hmrc', true, 'auto', 'Pending'), ('quickbooks', true, 'auto', 'Pending')$$,
    'GB: companies_house, hmrc and quickbooks enabled by auto, Pending'
);
select results_eq(
    $$select provider_key, enabled_on_default = catalogue_features and catalogue_features > 0 from tests.default_features_of(tests.id('gb'))$$,
    $$values ('companies_house', true), ('hmrc', true), ('quickbooks', true)$$,
    'GB: every feature of the three providers is enabled on its default trigger and config'
);
select is_empty(
    $$select 1 from public.v_project_integration_features where project_id = tests.id('gb') and not (is_enabled and integration_enabled)$$,
    'GB: no feature of the project is disabled'
);
select set_has(
    $$select feature_key from public.v_project_integration_features where project_id = tests.id('gb') and provider_key = 'quickbooks' and is_enabled$$,
    $$select unnest(array['chart_of_accounts', 'classes', 'tax_codes', 'vendors', 'customers', 'expenses', 'bills', 'invoices', 'payments'])$$,
    'GB: the nine QuickBooks features of the original design are all there, enabled'
);

insert into public.projects (id, name, country_code) values (tests.id('us'), 'US project', 'US');
select results_eq(
    $$select * from tests.integrations_of(tests.id('us'))$$,
    $$values ('quickbooks', true, 'auto', 'Pending')$$,
    'US: only quickbooks, enabled by auto, Pending'
);
select results_eq(
    $$select provider_key, enabled_on_default = catalogue_features and catalogue_features > 0 from tests.default_features_of(tests.id('us'))$$,
    $$values ('quickbooks', true)$$,
    'US: every QuickBooks feature enabled on its default trigger'
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
