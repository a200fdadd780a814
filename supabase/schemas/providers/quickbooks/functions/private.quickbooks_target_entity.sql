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

revoke all on function private.quickbooks_target_entity(text) from public;

grant execute on function private.quickbooks_target_entity(text) to authenticated, service_role;
