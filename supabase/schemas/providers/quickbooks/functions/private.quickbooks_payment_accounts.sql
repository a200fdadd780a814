-- QuickBooks client action payment_account_categories: for a payment method, the
-- QuickBooks Purchase.PaymentType, the account types and subtypes a payment may come from,
-- and (given a project) the project's cached active accounts of those types, preferred
-- subtypes first, for a dropdown.
--   params: {"payment_method": "Cash" | "Check" | "Bank Transfer" | "Debit Card" |
--            "Credit Card", "project_id": optional uuid}
--   data:   payment_method, payment_type, account_types, account_sub_types,
--           preferred_sub_types, accounts [{external_id, name, code, account_type,
--           account_sub_type, currency, internal_codes}] (empty without a project)
-- The project's cached active accounts of the rule's types, preferred subtypes first, with
-- the internal codes mapped to each. Security definer: reads without RLS once the caller
-- may read the project (private.caller_can_read_project); [] otherwise.
create function private.quickbooks_payment_accounts(p_project_id uuid, p_rule jsonb)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_integration public.project_integrations;
begin
    if not private.caller_can_read_project(p_project_id) then
        return '[]'::jsonb;
    end if;
    v_integration := private.quickbooks_integration(p_project_id);
    return (
        select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
            'external_id', r.external_id,
            'name', r.name,
            'code', r.code,
            'account_type', r.data ->> 'AccountType',
            'account_sub_type', r.data ->> 'AccountSubType',
            'currency', r.data ->> 'CurrencyRef',
            'internal_codes', array(
                select m.internal_id
                from public.integration_entity_mappings as m
                where m.project_integration_id = v_integration.id and m.entity_type = 'account'
                    and m.external_id = r.external_id
            )
        ) order by coalesce(p.ordinality, 1000), r.name, r.external_id), '[]')
        from public.integration_reference_data as r
        left join pg_catalog.jsonb_array_elements_text(p_rule -> 'preferred_sub_types')
            with ordinality as p (sub_type, ordinality)
            on r.data ->> 'AccountSubType' = p.sub_type
        where r.project_integration_id = v_integration.id
            and r.provider_id = v_integration.provider_id
            and r.kind = 'account'
            and r.is_active
            and p_rule -> 'account_types' ? (r.data ->> 'AccountType')
    );
end
$$;

revoke all on function private.quickbooks_payment_accounts(uuid, jsonb) from public;

grant execute on function private.quickbooks_payment_accounts(uuid, jsonb) to authenticated, service_role;
