-- The QuickBooks validate actions read the company's currencies once per check, not up to
-- three times (issue #22: client action cost).

-- Currency errors for one record (field p_field) against the company's currencies.
create or replace function private.quickbooks_currency_errors(
    p_integration public.project_integrations, p_field text, p_currency text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_currencies text [];
begin
    if p_currency is null or p_integration.id is null then
        return '[]'::jsonb;
    end if;
    -- looked up once (the cached currencies are read from integration_reference_data)
    v_currencies := private.quickbooks_currencies(p_integration);
    if v_currencies is null then
        return pg_catalog.jsonb_build_array(
            private.client_action_error('company_currencies_unknown', p_field,
                'The QuickBooks company''s currencies are not known yet; fetch the company info first'));
    end if;
    if not p_currency = any (v_currencies) then
        return pg_catalog.jsonb_build_array(
            private.client_action_error('currency_not_supported', p_field, format(
                'The QuickBooks company does not take %s (it takes %s)', p_currency,
                pg_catalog.array_to_string(v_currencies, ', '))));
    end if;
    return '[]'::jsonb;
end
$$;

revoke all on function private.quickbooks_currency_errors(public.project_integrations, text, text) from public;

grant execute on function private.quickbooks_currency_errors(public.project_integrations, text, text)
to authenticated, service_role;
