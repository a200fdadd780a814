-- CATALOGUE DATA: the providers Plugboard ships (QuickBooks Online, Companies House,
-- HMRC), their countries, features, client and server actions, and each provider's
-- integration:sync:<key> permission, granted to the owner role with every other one.
-- Idempotent upserts. This file (and its baseline migration
-- 20261204500900_catalogue_data.sql) is to be replaced by one
-- private.register_provider(jsonb) call per provider (issue #19).

/** --- Providers --- */

insert into public.integration_providers (
    key, name, description, auth_method, credential_scope, auto_enable_for_country,
    website_url, docs_url, client_actions, server_actions, sort_order, min_schedule_interval
) values
(
    'quickbooks', 'QuickBooks Online',
    'Push suppliers, customers, expenses and bills to QuickBooks Online and keep its chart '
    || 'of accounts, classes and tax codes at hand.',
    'oauth2', 'per_project', true,
    'https://quickbooks.intuit.com',
    'https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account',
    array[
        'validate_relationship_send_to', 'validate_transaction_send_to',
        'payment_account_categories'
    ],
    array[
        'testConnection', 'qb_company_info', 'qb_chart_of_accounts', 'qb_classes',
        'qb_tax_codes', 'sync_vendor', 'sync_customer', 'sync_transaction', 'qb_payments',
        'verify_vendor_hash', 'verify_transaction_hash', 'qb_cdc_poll'
    ],
    10,
    null
),
(
    'companies_house', 'Companies House',
    'Look up UK company profiles, officers, filing history and persons with significant '
    || 'control; UK SIC codes as reference data. One API key shared by every project.',
    'api_key', 'global', true,
    'https://www.gov.uk/government/organisations/companies-house',
    'https://developer-specs.company-information.service.gov.uk',
    array['validate_company_number', 'sic_code_search'],
    array[
        'testConnection', 'ch_company_profile', 'ch_officers', 'ch_filing_history',
        'ch_persons_with_significant_control', 'ch_company_search', 'ch_sic_codes',
        'ch_company_refresh'
    ],
    20,
    -- one API key for every project: each feature's schedule hourly at most
    interval '1 hour'
),
(
    'hmrc', 'HMRC',
    'Making Tax Digital for VAT: obligations and return submission. PAYE: the '
    || 'Apprenticeship Levy declarations and English fraction HMRC''s Apprenticeship Levy API gives '
    || 'for the employer PAYE reference. HMRC has no public REST API for Corporation Tax or for PAYE '
    || '(RTI) payroll data: Plugboard stores and validates the UTR, employer PAYE reference and '
    || 'Accounts Office reference.',
    'oauth2', 'per_project', true,
    'https://www.gov.uk/government/organisations/hm-revenue-customs',
    'https://developer.service.hmrc.gov.uk/api-documentation/docs/api/service/vat-api/1.0',
    array[
        'validate_vrn', 'validate_vat_return', 'validate_utr', 'validate_paye_reference',
        'validate_client_context'
    ],
    array[
        'testConnection', 'hmrc_vat_obligations', 'hmrc_submit_vat_return',
        'hmrc_paye_levy_declarations'
    ],
    30,
    null
)
on conflict (key) do update set
    name = excluded.name,
    description = excluded.description,
    auth_method = excluded.auth_method,
    credential_scope = excluded.credential_scope,
    auto_enable_for_country = excluded.auto_enable_for_country,
    website_url = excluded.website_url,
    docs_url = excluded.docs_url,
    client_actions = excluded.client_actions,
    server_actions = excluded.server_actions,
    sort_order = excluded.sort_order,
    min_schedule_interval = excluded.min_schedule_interval;

/** --- Countries --- */

with wanted (provider_key, country_code) as (
    values
    ('quickbooks', 'GB'), ('quickbooks', 'US'), ('quickbooks', 'CA'), ('quickbooks', 'AU'),
    ('quickbooks', 'IE'), ('companies_house', 'GB'), ('hmrc', 'GB')
),

removed as (
    delete from public.integration_provider_countries as c
    using public.integration_providers as p
    where
        c.provider_id = p.id
        and p.key in (select w.provider_key from wanted as w)
        and (p.key, c.country_code) not in (select
            w.provider_key,
            w.country_code
        from wanted as w)
)

insert into public.integration_provider_countries (provider_id, country_code)
select
    p.id,
    w.country_code
from wanted as w
inner join public.integration_providers as p on w.provider_key = p.key
on conflict do nothing;

/** --- Features --- */

insert into public.integration_features (
    provider_id, key, name, description, default_trigger, default_trigger_config,
    sync_direction, entity_type, server_action, sort_order, validation_action
)
select
    p.id,
    f.key,
    f.name,
    f.description,
    f.default_trigger::public.sync_trigger_type,
    f.config::jsonb,
    f.direction::public.sync_direction,
    f.entity_type,
    f.server_action,
    f.sort_order,
    f.validation_action
from (
    values
    (
        'quickbooks', 'chart_of_accounts', 'Sync Chart of Accounts',
        'Cache the QuickBooks chart of accounts for line and payment account mappings.',
        'on_schedule', '{"entity": "projects", "schedule": "15 2 * * *"}',
        'inbound', 'account', 'qb_chart_of_accounts', 10, null
    ),
    (
        'quickbooks', 'classes', 'Sync Classes', 'Cache QuickBooks classes.',
        'on_schedule', '{"entity": "projects", "schedule": "20 2 * * *"}',
        'inbound', 'class', 'qb_classes', 20, null
    ),
    (
        'quickbooks', 'tax_codes', 'Sync Tax Codes', 'Cache QuickBooks tax codes and rates.',
        'on_schedule', '{"entity": "projects", "schedule": "25 2 * * *"}',
        'inbound', 'tax_code', 'qb_tax_codes', 30, null
    ),
    (
        'quickbooks', 'vendors', 'Sync Suppliers (Vendors)',
        'Create or update the QuickBooks Vendor of a business supplier.',
        'on_manual',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business", "role_can_be_vendor": true}}',
        'outbound', 'vendor', 'sync_vendor', 40,
        'validate_relationship_send_to'
    ),
    (
        'quickbooks', 'customers', 'Sync Customers',
        'Create or update the QuickBooks Customer of a relationship that can be a customer.',
        'on_manual',
        '{"entity": "project_relationships", "filter": {"role_can_be_customer": true}}',
        'outbound', 'customer', 'sync_customer', 50,
        'validate_relationship_send_to'
    ),
    (
        'quickbooks', 'expenses', 'Sync Expenses',
        'Push approved inbound expenses to QuickBooks as Purchases.',
        'on_status_change',
        '{"entity": "transactions", "filter": {"transaction_type": ["Expense"], '
        || '"transaction_direction": "inbound", "status": "Approved"}}',
        'outbound', 'transaction', 'sync_transaction', 60,
        'validate_transaction_send_to'
    ),
    (
        'quickbooks', 'bills', 'Sync Bills',
        'Push approved inbound invoices, payroll invoices and reimbursements to QuickBooks as Bills.',
        'on_status_change',
        '{"entity": "transactions", "filter": {"transaction_type": ["Invoice", "Payroll Invoice", '
        || '"Reimbursement"], "transaction_direction": "inbound", "status": "Approved"}}',
        'outbound', 'transaction', 'sync_transaction', 70,
        'validate_transaction_send_to'
    ),
    (
        'quickbooks', 'invoices', 'Sync Invoices',
        'Push approved outbound (sales) invoices to QuickBooks as Invoices.',
        'on_status_change',
        '{"entity": "transactions", "filter": {"transaction_type": ["Invoice"], '
        || '"transaction_direction": "outbound", "status": "Approved"}}',
        'outbound', 'transaction', 'sync_transaction', 80,
        'validate_transaction_send_to'
    ),
    (
        'quickbooks', 'payments', 'Sync Payments',
        'Mark outbound invoices Paid when QuickBooks records their customer payment.',
        'realtime',
        '{"entity": "transactions", "filter": {"transaction_type": ["Invoice"], "transaction_direction": "outbound"}}',
        'inbound', 'payment', 'qb_payments', 90, null
    ),
    (
        'quickbooks', 'company_info', 'Company info',
        'Read the connected QuickBooks company: its name, country, home currency and tax settings.',
        'on_manual', '{"entity": "projects"}',
        'inbound', 'company', 'qb_company_info', 5, null
    ),
    (
        'quickbooks', 'verify_vendor_hash', 'Verify suppliers',
        'Check that what QuickBooks holds for a supplier is what Plugboard last sent; a supplier '
        || 'changed or deleted in QuickBooks is flagged stale. Give the relationships to check.',
        'on_manual',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business", "role_can_be_vendor": true}}',
        'inbound', 'vendor', 'verify_vendor_hash', 100, null
    ),
    (
        'quickbooks', 'verify_transaction_hash', 'Verify transactions',
        'Check that what QuickBooks holds for a pushed expense, bill or invoice is what Plugboard '
        || 'last sent; one changed or deleted in QuickBooks is flagged stale. Give the transactions to check.',
        'on_manual', '{"entity": "transactions"}',
        'inbound', 'transaction', 'verify_transaction_hash', 110, null
    ),
    (
        'quickbooks', 'cdc_poll', 'Poll QuickBooks changes',
        'Ask QuickBooks'' change data capture what changed since the last poll (the fallback for '
        || 'missed webhooks; it also runs every five minutes while a realtime feature is on).',
        'on_manual', '{"entity": "projects"}',
        'inbound', 'change', 'qb_cdc_poll', 120, null
    ),
    (
        'companies_house', 'company_profile', 'Company profile lookup',
        'Fetch a linked company''s profile and fill the registered address, SIC codes and status.',
        'on_link',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business"}}',
        'inbound', 'company', 'ch_company_profile', 10, null
    ),
    (
        'companies_house', 'officers', 'Officer lookup', 'Fetch a linked company''s officers.',
        'on_link',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business"}}',
        'inbound', 'company', 'ch_officers', 20, null
    ),
    (
        'companies_house', 'filing_history', 'Filing history',
        'Fetch a linked company''s filing history on request.',
        'on_manual',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business"}}',
        'inbound', 'company', 'ch_filing_history', 30, null
    ),
    (
        'companies_house', 'psc', 'PSC data',
        'Fetch a linked company''s persons with significant control.',
        'on_link',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business"}}',
        'inbound', 'company', 'ch_persons_with_significant_control', 40, null
    ),
    (
        'companies_house', 'sic_codes', 'SIC code reference',
        'UK SIC 2007 condensed list as searchable reference data.',
        'on_schedule', '{"entity": "projects", "schedule": "0 4 1 * *"}',
        'inbound', 'sic_code', 'ch_sic_codes', 50, null
    ),
    (
        'companies_house', 'company_refresh', 'Company changes',
        'Refresh every linked company''s profile nightly; flag companies that were dissolved, renamed '
        || 'or changed status, and fill what the relationship still lacks.',
        'on_schedule', '{"entity": "projects", "schedule": "30 3 * * *"}',
        'inbound', 'company', 'ch_company_refresh', 35, null
    ),
    (
        'hmrc', 'vat_obligations', 'VAT obligations',
        'Fetch the project''s VAT obligations (open and fulfilled) by its VAT registration number.',
        'on_schedule', '{"entity": "projects", "schedule": "0 6 * * *"}',
        'inbound', 'vat_obligation', 'hmrc_vat_obligations', 10, null
    ),
    (
        'hmrc', 'vat_return_submission', 'VAT return submission',
        'Submit a VAT return for an open period; a person confirms every submission.',
        'on_manual', '{"entity": "projects"}',
        'outbound', 'vat_return', 'hmrc_submit_vat_return', 20, null
    ),
    (
        'hmrc', 'corporation_tax_reference', 'Corporation Tax reference',
        'HMRC has no public Corporation Tax REST API: stores and validates the company''s UTR.',
        'on_manual', '{"entity": "projects"}',
        'inbound', 'ct_reference', null, 30, null
    ),
    (
        'hmrc', 'paye', 'PAYE references',
        'HMRC has no public REST API for PAYE (RTI) payroll data: stores and validates the '
        || 'employer PAYE reference and Accounts Office reference (the levy declarations feature uses the former).',
        'on_manual', '{"entity": "projects"}',
        'inbound', 'paye_reference', null, 40, null
    ),
    (
        'hmrc', 'paye_levy_declarations', 'PAYE Apprenticeship Levy declarations',
        'Fetch the Apprenticeship Levy declarations (levy due year to date, allowance, inactive '
        || 'and ceased periods) reported on the scheme''s Employer Payment Summaries, and the English '
        || 'fraction, for the employer PAYE reference (HMRC Apprenticeship Levy API). Not payroll data: '
        || 'HMRC offers no public REST API for RTI Full Payment Submissions or employees'' pay.',
        'on_schedule', '{"entity": "projects", "schedule": "30 6 * * *"}',
        'inbound', 'levy_declaration', 'hmrc_paye_levy_declarations', 45, null
    )
)
    as f (
        provider_key, key, name, description, default_trigger, config, direction, entity_type,
        server_action, sort_order, validation_action
    )
inner join public.integration_providers as p on f.provider_key = p.key
on conflict (provider_id, key) do update set
    name = excluded.name,
    description = excluded.description,
    default_trigger = excluded.default_trigger,
    default_trigger_config = excluded.default_trigger_config,
    sync_direction = excluded.sync_direction,
    entity_type = excluded.entity_type,
    server_action = excluded.server_action,
    sort_order = excluded.sort_order,
    validation_action = excluded.validation_action;

/** --- Permissions --- */

insert into public.permissions (key, description) values
('integration:sync:quickbooks', 'Trigger manual syncs for QuickBooks'),
('integration:sync:companies_house', 'Trigger manual syncs for Companies House'),
('integration:sync:hmrc', 'Trigger manual syncs for HMRC')
on conflict (key) do update set description = excluded.description;

-- Every permission is the owner's; members get none of these by default.
insert into public.role_permissions (role_id, permission_key)
select
    r.id,
    p.key
from public.roles as r
cross join public.permissions as p
where r.key = 'project:owner'
on conflict do nothing;
