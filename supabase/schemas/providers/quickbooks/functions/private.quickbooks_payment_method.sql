-- QuickBooks Online's own rules, as data the QuickBooks client actions share.
-- Sources: Intuit's v3 XSDs (specs/quickbooks-online/intuit-xsd: AccountTypeEnum,
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

revoke all on function private.quickbooks_payment_method(text) from public;

grant execute on function private.quickbooks_payment_method(text) to authenticated, service_role;
