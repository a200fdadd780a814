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

revoke all on function private.quickbooks_currency_errors(public.project_integrations, text, text) from public;

grant execute on function private.quickbooks_currency_errors(public.project_integrations, text, text)
to authenticated, service_role;
