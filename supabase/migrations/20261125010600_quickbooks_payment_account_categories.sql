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

create function client_actions.quickbooks__payment_account_categories(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['payment_method', 'project_id'], array['payment_method']
    );
    v_method text := private.client_action_text(v_params, 'payment_method');
    v_project_id uuid := private.client_action_uuid(v_params, 'project_id');
    v_rule jsonb := private.quickbooks_payment_method(v_method);
    v_accounts jsonb := '[]'::jsonb;
begin
    if v_rule is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'unknown_payment_method', 'payment_method', format(
                '"%s" is not a payment method; use Cash, Check, Bank Transfer, Debit Card or Credit Card',
                v_method)
        )), null);
    end if;
    if v_project_id is not null then
        v_accounts := private.quickbooks_payment_accounts(v_project_id, v_rule);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object(
        'payment_method', v_method,
        'payment_type', v_rule ->> 'payment_type',
        'account_types', v_rule -> 'account_types',
        'account_sub_types', (
            select pg_catalog.jsonb_agg(s.sub_type order by t.ordinality, s.ordinality)
            from pg_catalog.jsonb_array_elements_text(v_rule -> 'account_types') with ordinality as t (type, ordinality)
            cross join lateral pg_catalog.unnest(private.quickbooks_account_sub_types(t.type))
                with ordinality as s (sub_type, ordinality)
        ),
        'preferred_sub_types', v_rule -> 'preferred_sub_types',
        'accounts', v_accounts
    ));
end
$$;

revoke all on function private.quickbooks_payment_accounts(uuid, jsonb) from public;
revoke all on function client_actions.quickbooks__payment_account_categories(jsonb) from public;
grant execute on function private.quickbooks_payment_accounts(uuid, jsonb) to authenticated, service_role;
grant execute on function client_actions.quickbooks__payment_account_categories(jsonb)
to authenticated, service_role;
