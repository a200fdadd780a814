-- Proves: the catalogue holds the three providers as the original design gives them
-- (auth method, credential scope, countries, auto-enable), their features, and the
-- Vendors, Expenses and Bills trigger configs exactly as the original design writes them;
-- every catalogue config passes the trigger-config check.
begin;
select plan(10);

select results_eq(
    $$select key, auth_method::text, credential_scope::text, auto_enable_for_country, is_active from public.integration_providers
      where key in ('quickbooks', 'companies_house', 'hmrc') order by key$$,
    $$values ('companies_house'::text, 'api_key'::text, 'global'::text, true, true),
             ('hmrc', 'oauth2', 'per_project', true, true),
             ('quickbooks', 'oauth2', 'per_project', true, true)$$,
    'providers: QuickBooks oauth2 per_project, Companies House api_key global, HMRC oauth2 per_project; all auto-enabled'
);
select set_eq(
    $$select pc.country_code from public.integration_provider_countries as pc join public.integration_providers as p on p.id = pc.provider_id where p.key = 'quickbooks'$$,
    array['GB', 'US', 'CA', 'AU', 'IE'],
    'QuickBooks countries: GB, US, CA, AU, IE'
);
select set_eq(
    $$select pc.country_code from public.integration_provider_countries as pc join public.integration_providers as p on p.id = pc.provider_id where p.key = 'companies_house'$$,
    array['GB'], 'Companies House countries: GB'
);
select set_eq(
    $$select pc.country_code from public.integration_provider_countries as pc join public.integration_providers as p on p.id = pc.provider_id where p.key = 'hmrc'$$,
    array['GB'], 'HMRC countries: GB'
);

select set_has(
    $$select f.key from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id where p.key = 'companies_house'$$,
    $$values ('company_profile'), ('officers'), ('filing_history'), ('psc'), ('sic_codes')$$,
    'Companies House features: company profile, officers, filing history, PSC data, SIC codes'
);
select set_has(
    $$select f.key from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id where p.key = 'hmrc'$$,
    $$values ('vat_obligations'), ('vat_return_submission'), ('corporation_tax_reference'), ('paye')$$,
    'HMRC features: VAT obligations, VAT return submission, Corporation Tax reference, PAYE'
);

select is(
    (select f.default_trigger_config from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
     where p.key = 'quickbooks' and f.key = 'vendors'),
    '{"entity": "project_relationships", "filter": {"entity_type": "Business", "role_can_be_vendor": true}}'::jsonb,
    'Vendors: project_relationships, entity_type Business, role_can_be_vendor true'
);
select is(
    (select f.default_trigger_config from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
     where p.key = 'quickbooks' and f.key = 'expenses'),
    '{"entity": "transactions", "filter": {"transaction_type": ["Expense"], "transaction_direction": "inbound", "status": "Approved"}}'::jsonb,
    'Expenses: transactions, transaction_type [Expense], inbound, Approved'
);
select is(
    (select f.default_trigger_config from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
     where p.key = 'quickbooks' and f.key = 'bills'),
    '{"entity": "transactions", "filter": {"transaction_type": ["Invoice", "Payroll Invoice", "Reimbursement"], "transaction_direction": "inbound", "status": "Approved"}}'::jsonb,
    'Bills: transactions, transaction_type [Invoice, Payroll Invoice, Reimbursement], inbound, Approved'
);

select is_empty(
    $$select p.key || '.' || f.key || ': ' || private.trigger_config_error(f.default_trigger, f.default_trigger_config)
      from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
      where private.trigger_config_error(f.default_trigger, f.default_trigger_config) is not null$$,
    'every catalogue feature''s default trigger config is valid'
);

select * from finish();
rollback;
