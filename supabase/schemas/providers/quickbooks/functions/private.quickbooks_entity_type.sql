-- The feature entity type a QuickBooks entity's changes concern.
create function private.quickbooks_entity_type(p_entity text)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select case p_entity
        when 'Payment' then 'payment'
        when 'Vendor' then 'vendor'
        when 'Customer' then 'customer'
        when 'Account' then 'account'
        when 'Class' then 'class'
        when 'TaxCode' then 'tax_code'
        when 'Purchase' then 'transaction'
        when 'Bill' then 'transaction'
        when 'Invoice' then 'transaction'
    end
$$;

revoke all on function private.quickbooks_entity_type(text) from public;

grant execute on function private.quickbooks_entity_type(text) to service_role;
