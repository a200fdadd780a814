-- The payment side of a Purchase: a payment method, and a payment account mapped to an
-- active cached account of a type the method allows.
create function private.quickbooks_payment_errors(
    p_integration public.project_integrations, p_transaction public.transactions
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
    return (
        with account as (
            select
                m.external_id,
                r.id is not null as cached,
                r.is_active,
                r.name,
                r.data ->> 'AccountType' as account_type
            from (select 1) as one
            left join public.integration_entity_mappings as m
                on m.project_integration_id = p_integration.id and m.entity_type = 'account'
                and m.internal_id = p_transaction.payment_account_code
            left join public.integration_reference_data as r
                on r.project_integration_id = p_integration.id and r.provider_id = p_integration.provider_id
                and r.kind = 'account' and r.external_id = m.external_id
        )

        select case
            when p_transaction.payment_method is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_method_missing', 'payment_method', 'An expense needs a payment method'))
            when p_transaction.payment_account_code is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_missing', 'payment_account_code', 'An expense needs the account it was paid from'))
            when a.external_id is null then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_unmapped', 'payment_account_code', format(
                    'Payment account %s is not mapped to a QuickBooks account', p_transaction.payment_account_code)))
            when not a.cached then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_not_found', 'payment_account_code', format(
                    'Payment account %s maps to QuickBooks account %s, which is not in the cached chart of accounts',
                    p_transaction.payment_account_code, a.external_id)))
            when not a.is_active then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_inactive', 'payment_account_code', format(
                    'QuickBooks account "%s" is inactive', a.name)))
            when not coalesce(
                private.quickbooks_payment_method(p_transaction.payment_method) -> 'account_types'
                ? a.account_type, false
            ) then pg_catalog.jsonb_build_array(private.client_action_error(
                'payment_account_wrong_type', 'payment_account_code', format(
                    'A %s payment must come from a %s account; "%s" is a %s account',
                    p_transaction.payment_method,
                    private.filter_value_text(
                        private.quickbooks_payment_method(p_transaction.payment_method) -> 'account_types'
                    ),
                    a.name, coalesce(a.account_type, 'untyped'))))
            else '[]'::jsonb
        end
        from account as a
    );
end
$$;

revoke all on function private.quickbooks_payment_errors(public.project_integrations, public.transactions)
from public;

grant execute on function private.quickbooks_payment_errors(public.project_integrations, public.transactions)
to authenticated, service_role;
