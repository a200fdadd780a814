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

revoke all on function private.quickbooks_line_account_types(text) from public;

grant execute on function private.quickbooks_line_account_types(text) to authenticated, service_role;
