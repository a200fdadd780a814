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

revoke all on function client_actions.quickbooks__payment_account_categories(jsonb) from public;

grant execute on function client_actions.quickbooks__payment_account_categories(jsonb)
to authenticated, service_role;
