-- QuickBooks Online's own rules, as data the QuickBooks client actions share.
-- Sources: Intuit's v3 XSDs (../shared/specs/quickbooks-online/intuit-xsd: AccountTypeEnum,
-- AccountSubTypeEnum, Purchase.AccountRef "Check should have bank account, CreditCard should
-- specify credit card account", field lengths) and the API reference (DisplayName: at most
-- 500 characters, unique across Customer, Vendor and Employee, no colon, tab or new line).
--
-- What Plugboard caches (the contract with the qb_company_info / qb_chart_of_accounts /
-- qb_tax_codes / qb_classes server actions):
--   project_integrations.settings: home_currency ("GBP"), multicurrency_enabled (bool),
--     uses_tax (bool: the company tracks VAT / sales tax on purchases), book_close_date
--     ("YYYY-MM-DD", when the books are closed);
--   integration_reference_data kinds: account (data.AccountType, data.AccountSubType,
--     data.Classification, data.CurrencyRef), tax_code, class, currency (code = ISO code).
--   integration_entity_mappings entity types: account / tax_code / class (internal code ->
--     QuickBooks Id), vendor / customer (relationship id), transaction (transaction id).

/** --- Payment methods -> Purchase.PaymentType and the accounts a payment may come from --- */

create function private.quickbooks_payment_method(p_method text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case p_method
            when 'Cash' then
                '{"payment_type": "Cash", "account_types": ["Bank"], "preferred_sub_types": ["CashOnHand"]}'
            when 'Check' then
                '{"payment_type": "Check", "account_types": ["Bank"], "preferred_sub_types": ["Checking"]}'
            when 'Bank Transfer' then
                '{"payment_type": "Cash", "account_types": ["Bank"],'
                ' "preferred_sub_types": ["Checking", "Savings", "MoneyMarket", "CashAndCashEquivalents"]}'
            when 'Debit Card' then
                '{"payment_type": "Cash", "account_types": ["Bank"], "preferred_sub_types": ["Checking"]}'
            when 'Credit Card' then
                '{"payment_type": "CreditCard", "account_types": ["Credit Card"], "preferred_sub_types": ["CreditCard"]}'
        end::jsonb
    );
end
$$;

-- The AccountSubTypeEnum values of the account types a payment may come from.
create function private.quickbooks_account_sub_types(p_account_type text)
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case p_account_type
            when 'Bank' then array[
                'CashOnHand', 'Checking', 'MoneyMarket', 'RentsHeldInTrust', 'Savings', 'TrustAccounts',
                'CashAndCashEquivalents', 'OtherEarmarkedBankAccounts'
            ]
            when 'Credit Card' then array['CreditCard']
            else '{}'::text []
        end
    );
end
$$;

/** --- Which QuickBooks entity a feature creates, and the accounts its lines may use --- */

create function private.quickbooks_target_entity(p_feature_key text)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case p_feature_key
            when 'expenses' then 'Purchase'
            when 'bills' then 'Bill'
            when 'invoices' then 'Invoice'
            when 'vendors' then 'Vendor'
            when 'customers' then 'Customer'
        end
    );
end
$$;

-- The AccountTypeEnum values a line of p_entity may post to. Purchase and Bill lines
-- (AccountBasedExpenseLineDetail) take any posting account but the Accounts Payable and
-- Accounts Receivable controls; Invoice lines post to income.
create function private.quickbooks_line_account_types(p_entity text)
returns text[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return case p_entity
        when 'Invoice' then array['Income', 'Other Income']
        else array[
            'Bank', 'Other Current Asset', 'Fixed Asset', 'Other Asset', 'Credit Card',
            'Other Current Liability', 'Long Term Liability', 'Equity', 'Income',
            'Cost of Goods Sold', 'Expense', 'Other Income', 'Other Expense'
        ]
    end;
end
$$;

/** --- Names --- */

-- DisplayName rules: required, at most 500 characters, none of the characters QuickBooks
-- rejects (":" separates Parent:Child names; tab, line breaks and other control characters;
-- characters outside the Basic Multilingual Plane such as emoji fail with error 2040).
create function private.quickbooks_display_name_errors(p_field text, p_value text)
returns jsonb
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        select case
            when p_value is null or pg_catalog.btrim(p_value) = '' then pg_catalog.jsonb_build_array(
                private.client_action_error('required', p_field, 'A display name is required'))
            when pg_catalog.length(p_value) > 500 then pg_catalog.jsonb_build_array(
                private.client_action_error('too_long', p_field, format(
                    'Display name is %s characters; QuickBooks allows at most 500', pg_catalog.length(p_value))))
            when p_value ~ ':' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains a colon (:), which QuickBooks reserves for Parent:Child names'))
            when p_value ~ '[\x01-\x1f\x7f]' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains a tab, line break or other control character'))
            when p_value ~ '[\U00010000-\U0010FFFF]' then pg_catalog.jsonb_build_array(
                private.client_action_error('invalid_characters', p_field,
                    'Display name contains an emoji or another character QuickBooks cannot store'))
            else '[]'::jsonb
        end
    );
end
$$;

/** --- The connected company, from what Plugboard cached --- */

-- The currencies the company takes: its home currency, plus its active currencies when
-- multicurrency is on; null while the company info has not been fetched yet.
create function private.quickbooks_currencies(p_integration public.project_integrations)
returns text[]
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        select case when p_integration.settings ->> 'home_currency' is not null then
            array[p_integration.settings ->> 'home_currency'] || case
                when p_integration.settings -> 'multicurrency_enabled' = 'true'::jsonb then array(
                    select r.code
                    from public.integration_reference_data as r
                    where r.project_integration_id = p_integration.id
                        and r.provider_id = p_integration.provider_id
                        and r.kind = 'currency' and r.is_active and r.code is not null
                    order by r.code
                )
                else '{}'::text []
            end
        end
    );
end
$$;

-- Currency errors for one record (field p_field) against the company's currencies.
create function private.quickbooks_currency_errors(
    p_integration public.project_integrations, p_field text, p_currency text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        select case
            when p_currency is null or p_integration.id is null then '[]'::jsonb
            when private.quickbooks_currencies(p_integration) is null then pg_catalog.jsonb_build_array(
                private.client_action_error('company_currencies_unknown', p_field,
                    'The QuickBooks company''s currencies are not known yet; fetch the company info first'))
            when not p_currency = any (private.quickbooks_currencies(p_integration)) then pg_catalog.jsonb_build_array(
                private.client_action_error('currency_not_supported', p_field, format(
                    'The QuickBooks company does not take %s (it takes %s)', p_currency,
                    pg_catalog.array_to_string(private.quickbooks_currencies(p_integration), ', '))))
            else '[]'::jsonb
        end
    );
end
$$;

-- The date the company's books are closed to, or null (also when the cached value is not a date).
create function private.quickbooks_book_close_date(p_integration public.project_integrations)
returns date
language plpgsql stable
set search_path = ''
as $$
begin
    return (p_integration.settings ->> 'book_close_date')::date;
exception
    when invalid_datetime_format or datetime_field_overflow then
        return null;
end
$$;

-- The project's QuickBooks integration (null fields when it has none the caller can see).
create function private.quickbooks_integration(p_project_id uuid)
returns public.project_integrations
language plpgsql stable
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
begin
    select pi.* into v_integration
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id
    where pi.project_id = p_project_id and p.key = 'quickbooks';
    return v_integration;
end
$$;

revoke all on function private.quickbooks_payment_method(text) from public;
revoke all on function private.quickbooks_account_sub_types(text) from public;
revoke all on function private.quickbooks_target_entity(text) from public;
revoke all on function private.quickbooks_line_account_types(text) from public;
revoke all on function private.quickbooks_display_name_errors(text, text) from public;
revoke all on function private.quickbooks_currencies(public.project_integrations) from public;
revoke all on function private.quickbooks_currency_errors(public.project_integrations, text, text) from public;
revoke all on function private.quickbooks_book_close_date(public.project_integrations) from public;
revoke all on function private.quickbooks_integration(uuid) from public;
grant execute on function private.quickbooks_payment_method(text) to authenticated, service_role;
grant execute on function private.quickbooks_account_sub_types(text) to authenticated, service_role;
grant execute on function private.quickbooks_target_entity(text) to authenticated, service_role;
grant execute on function private.quickbooks_line_account_types(text) to authenticated, service_role;
grant execute on function private.quickbooks_display_name_errors(text, text) to authenticated, service_role;
grant execute on function private.quickbooks_currencies(public.project_integrations) to authenticated, service_role;
grant execute on function private.quickbooks_currency_errors(public.project_integrations, text, text)
to authenticated, service_role;
grant execute on function private.quickbooks_book_close_date(public.project_integrations)
to authenticated, service_role;
grant execute on function private.quickbooks_integration(uuid) to authenticated, service_role;
