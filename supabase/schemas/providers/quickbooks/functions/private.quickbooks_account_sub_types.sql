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

revoke all on function private.quickbooks_account_sub_types(text) from public;

grant execute on function private.quickbooks_account_sub_types(text) to authenticated, service_role;
