-- The check itself: security definer, reads without RLS once the caller may read the
-- transaction's project (private.caller_can_read_project, the select policies' rule).
create function private.quickbooks_validate_transaction(p_id uuid, p_wanted_feature text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
    v_transaction public.transactions;
    v_integration public.project_integrations;
    v_feature record;
    v_entity text;
    v_line_count integer;
    v_sum numeric;
    v_tax numeric;
    v_close date;
    v_errors jsonb;
begin
    select t.* into v_transaction
    from public.transactions as t
    where t.id = p_id and private.caller_can_read_project(t.project_id);
    if not found then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'transaction_id', 'No such transaction in a project you belong to'
        )), null);
    end if;

    v_integration := private.quickbooks_integration(v_transaction.project_id);
    v_errors := private.integration_state_errors(v_integration, 'QuickBooks');
    if v_transaction.status <> 'Approved' then
        v_errors := v_errors || private.client_action_error('status_not_approved', 'status', format(
            'Only approved transactions can be sent; this one is %s', v_transaction.status));
    end if;
    if v_integration.id is null then
        return private.client_action_result(v_errors, pg_catalog.jsonb_build_object('transaction_id', p_id));
    end if;

    -- the feature that pushes it: filter matched on everything but status (reported above)
    select s.feature_key, s.feature_name, s.is_enabled into v_feature
    from public.v_project_integration_features as s
    inner join public.integration_features as f on s.feature_id = f.id
    where s.project_integration_id = v_integration.id
        and f.validation_action = 'validate_transaction_send_to'
        and s.sync_direction <> 'inbound'
        and s.trigger_config ->> 'entity' = 'transactions'
        and pg_catalog.cardinality(private.filter_mismatches(
            s.trigger_config -> 'filter', pg_catalog.to_jsonb(v_transaction), array['status']
        )) = 0
    order by s.is_enabled desc, f.sort_order
    limit 1;
    if not found then
        v_errors := v_errors || private.client_action_error('no_feature_covers', 'transaction_type', format(
            'QuickBooks has no feature that sends %s %s transactions', v_transaction.transaction_direction,
            v_transaction.transaction_type));
        return private.client_action_result(v_errors, pg_catalog.jsonb_build_object('transaction_id', p_id));
    end if;
    if p_wanted_feature is not null and p_wanted_feature <> v_feature.feature_key then
        v_errors := v_errors || private.client_action_error('not_covered_by_feature', 'feature', format(
            '%s %s transactions go through %s, not %s', v_transaction.transaction_direction,
            v_transaction.transaction_type, v_feature.feature_name, p_wanted_feature));
    end if;
    if not v_feature.is_enabled then
        v_errors := v_errors || private.client_action_error('feature_disabled', 'feature', format(
            '%s is switched off for this project', v_feature.feature_name));
    end if;
    v_entity := private.quickbooks_target_entity(v_feature.feature_key);

    v_errors := v_errors || private.quickbooks_counterparty_errors(v_integration, v_transaction, v_entity);
    if v_entity = 'Purchase' then
        v_errors := v_errors || private.quickbooks_payment_errors(v_integration, v_transaction);
    end if;

    select pg_catalog.count(*)::integer, pg_catalog.sum(l.amount), pg_catalog.sum(coalesce(l.tax_amount, 0))
    into v_line_count, v_sum, v_tax
    from public.transaction_lines as l
    where l.transaction_id = p_id;
    if v_line_count = 0 then
        v_errors := v_errors || private.client_action_error('no_lines', 'lines', 'The transaction has no lines');
    else
        v_errors := v_errors || private.quickbooks_transaction_line_errors(v_integration, p_id, v_entity);
        if v_transaction.subtotal_amount is not null and v_sum is not null
            and v_transaction.subtotal_amount <> v_sum then
            v_errors := v_errors || private.client_action_error('subtotal_mismatch', 'subtotal_amount', format(
                'The lines add up to %s, but the subtotal is %s', v_sum, v_transaction.subtotal_amount));
        end if;
        if v_transaction.tax_amount is not null and v_transaction.tax_amount <> v_tax then
            v_errors := v_errors || private.client_action_error('tax_total_mismatch', 'tax_amount', format(
                'The lines'' tax adds up to %s, but the tax amount is %s', v_tax, v_transaction.tax_amount));
        end if;
    end if;
    if v_transaction.total_amount is null then
        v_errors := v_errors || private.client_action_error('total_missing', 'total_amount', 'The transaction has no total');
    elsif v_transaction.total_amount < 0 then
        v_errors := v_errors || private.client_action_error('negative_total', 'total_amount', format(
            'The total is %s; QuickBooks takes a %s of zero or more (record a credit instead)',
            v_transaction.total_amount, v_entity));
    elsif v_sum is not null and v_transaction.total_amount
        <> coalesce(v_transaction.subtotal_amount, v_sum) + coalesce(v_transaction.tax_amount, v_tax) then
        v_errors := v_errors || private.client_action_error('total_mismatch', 'total_amount', format(
            'The total is %s, but subtotal %s plus tax %s is %s', v_transaction.total_amount,
            coalesce(v_transaction.subtotal_amount, v_sum), coalesce(v_transaction.tax_amount, v_tax),
            coalesce(v_transaction.subtotal_amount, v_sum) + coalesce(v_transaction.tax_amount, v_tax)));
    end if;

    v_close := private.quickbooks_book_close_date(v_integration);
    if v_transaction.transaction_date <= v_close then
        v_errors := v_errors || private.client_action_error('date_in_closed_period', 'transaction_date', format(
            'The QuickBooks books are closed to %s; the transaction is dated %s', v_close,
            v_transaction.transaction_date));
    end if;
    v_errors := v_errors || private.quickbooks_currency_errors(
        v_integration, 'currency_code', v_transaction.currency_code
    );
    if v_transaction.relationship_id is not null and exists (
        select
        from public.project_relationships as r
        where r.id = v_transaction.relationship_id and r.currency_code <> v_transaction.currency_code
    ) then
        v_errors := v_errors || private.client_action_error('currency_mismatch', 'currency_code', format(
            'The transaction is in %s, but its %s deals in another currency; QuickBooks needs them to match',
            v_transaction.currency_code, case v_entity when 'Invoice' then 'customer' else 'supplier' end));
    end if;
    v_errors := v_errors || private.client_action_length_errors(
        pg_catalog.jsonb_build_object('reference', v_transaction.reference, 'description', v_transaction.description),
        '{"reference": 21, "description": 4000}',
        'QuickBooks'
    );

    return private.client_action_result(v_errors, pg_catalog.jsonb_build_object(
        'transaction_id', p_id,
        'feature', v_feature.feature_key,
        'quickbooks_entity', v_entity,
        'line_count', v_line_count,
        'total_amount', v_transaction.total_amount
    ));
end
$$;

revoke all on function private.quickbooks_validate_transaction(uuid, text) from public;

grant execute on function private.quickbooks_validate_transaction(uuid, text) to authenticated, service_role;
