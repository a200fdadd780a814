-- QuickBooks client action validate_transaction_send_to: may this transaction be pushed?
--   params: {"transaction_id": uuid, "feature": optional, the feature that would push it}
--   data:   transaction_id, feature (the enabled feature covering it), quickbooks_entity
--           (Purchase | Bill | Invoice), line_count, total_amount
-- Checks: integration there, on and connected; status Approved; a feature whose filter
-- takes the type and direction (Expense -> Purchase, inbound Invoice / Payroll Invoice /
-- Reimbursement -> Bill, outbound Invoice -> Invoice), switched on; the relationship
-- mapped or mappable (required for Bill and Invoice); every line with an amount and an
-- account mapped to an active cached account of a type the line may post to; tax codes
-- mapped where the company tracks tax; classes mapped; subtotal, tax and total consistent;
-- for a Purchase a payment method and a payment account of a type that method allows;
-- dates outside a closed period; a currency the company takes; QuickBooks field lengths.
-- Lines are checked in one set-based query (cost per line stays flat; bench/client_actions.py).

create function private.quickbooks_transaction_line_errors(
    p_integration public.project_integrations, p_transaction_id uuid, p_entity text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_integration_id uuid := p_integration.id;
    v_provider_id uuid := p_integration.provider_id;
    v_account_types text [] := private.quickbooks_line_account_types(p_entity);
    v_uses_tax boolean := p_integration.settings -> 'uses_tax' = 'true'::jsonb;
begin
    return (
        with codes as (
            -- every account, tax code and class the lines use, once
            select distinct
                k.kind,
                k.code
            from public.transaction_lines as l
            cross join lateral (
                values ('account', l.account_code), ('tax_code', l.tax_code), ('class', l.class_code)
            ) as k (kind, code)
            where l.transaction_id = p_transaction_id and k.code is not null
        ),

        cache as (
            -- each code's mapping and the cached QuickBooks record it points at
            select
                c.kind,
                c.code,
                m.external_id,
                r.id is not null as cached,
                r.is_active,
                r.name,
                r.data ->> 'AccountType' as account_type
            from codes as c
            inner join public.integration_entity_mappings as m
                on m.project_integration_id = v_integration_id and m.entity_type = c.kind
                and m.internal_id = c.code
            left join public.integration_reference_data as r
                on r.project_integration_id = v_integration_id and r.provider_id = v_provider_id
                and r.kind = c.kind and r.external_id = m.external_id
        ),

        lines as (
            select
                l.*,
                'Line ' || l.line_number as label,
                'lines[' || l.line_number || '].' as field,
                account.external_id as account_id,
                account.cached as account_cached,
                account.is_active as account_active,
                account.name as account_name,
                account.account_type,
                tax.external_id as tax_code_id,
                tax.cached as tax_code_cached,
                tax.is_active as tax_code_active,
                class.external_id as class_id,
                class.cached as class_cached,
                class.is_active as class_active
            from public.transaction_lines as l
            left join cache as account on account.kind = 'account' and l.account_code = account.code
            left join cache as tax on tax.kind = 'tax_code' and l.tax_code = tax.code
            left join cache as class on class.kind = 'class' and l.class_code = class.code
            where l.transaction_id = p_transaction_id
        ),

        errors as (
            select
                l.line_number,
                e.ordinality,
                e.error
            from lines as l
            cross join lateral (
                values
                (1, case when l.amount is null then private.client_action_error(
                    'line_amount_missing', l.field || 'amount', l.label || ' has no amount') end),
                (2, case when l.quantity is not null and l.unit_amount is not null
                    and pg_catalog.round(l.quantity * l.unit_amount, 2) <> l.amount then private.client_action_error(
                        'line_amount_mismatch', l.field || 'amount', format(
                            '%s: %s x %s is %s, not the line amount %s', l.label, l.quantity, l.unit_amount,
                            pg_catalog.round(l.quantity * l.unit_amount, 2), l.amount)) end),
                (3, case
                    when l.account_code is null then private.client_action_error(
                        'line_account_missing', l.field || 'account_code', l.label || ' has no account')
                    when l.account_id is null then private.client_action_error(
                        'line_account_unmapped', l.field || 'account_code', format(
                            '%s has no account mapping (account %s is not mapped to a QuickBooks account)',
                            l.label, l.account_code))
                    when not l.account_cached then private.client_action_error(
                        'line_account_not_found', l.field || 'account_code', format(
                            '%s: account %s maps to QuickBooks account %s, which is not in the cached chart '
                            || 'of accounts; sync the chart of accounts', l.label, l.account_code, l.account_id))
                    when not l.account_active then private.client_action_error(
                        'line_account_inactive', l.field || 'account_code', format(
                            '%s: QuickBooks account "%s" is inactive', l.label, l.account_name))
                    when not coalesce(l.account_type = any (v_account_types), false)
                        then private.client_action_error(
                            'line_account_wrong_type', l.field || 'account_code', format(
                                '%s: a %s line cannot post to "%s" (a %s account)', l.label, p_entity,
                                l.account_name, coalesce(l.account_type, 'untyped')))
                end),
                (4, case
                    when not coalesce(v_uses_tax, false) then
                        case when coalesce(l.tax_amount, 0) <> 0 then private.client_action_error(
                            'line_tax_not_tracked', l.field || 'tax_amount', format(
                                '%s has tax of %s, but the QuickBooks company does not track tax',
                                l.label, l.tax_amount)) end
                    when l.tax_code is null then private.client_action_error(
                        'line_tax_code_missing', l.field || 'tax_code', format(
                            '%s has no tax code; the QuickBooks company tracks tax', l.label))
                    when l.tax_code_id is null then private.client_action_error(
                        'line_tax_code_unmapped', l.field || 'tax_code', format(
                            '%s has no tax code mapping (tax code %s is not mapped to QuickBooks)', l.label, l.tax_code))
                    when not l.tax_code_cached then private.client_action_error(
                        'line_tax_code_not_found', l.field || 'tax_code', format(
                            '%s: tax code %s maps to QuickBooks tax code %s, which is not cached; sync tax codes',
                            l.label, l.tax_code, l.tax_code_id))
                    when not l.tax_code_active then private.client_action_error(
                        'line_tax_code_inactive', l.field || 'tax_code', format(
                            '%s: QuickBooks tax code %s is inactive', l.label, l.tax_code_id))
                end),
                (5, case
                    when l.class_code is null then null
                    when l.class_id is null then private.client_action_error(
                        'line_class_unmapped', l.field || 'class_code', format(
                            '%s has no class mapping (class %s is not mapped to QuickBooks)', l.label, l.class_code))
                    when not l.class_cached then private.client_action_error(
                        'line_class_not_found', l.field || 'class_code', format(
                            '%s: class %s maps to QuickBooks class %s, which is not cached; sync classes',
                            l.label, l.class_code, l.class_id))
                    when not l.class_active then private.client_action_error(
                        'line_class_inactive', l.field || 'class_code', format(
                            '%s: QuickBooks class %s is inactive', l.label, l.class_id))
                end),
                (6, case when pg_catalog.length(l.description) > 4000 then private.client_action_error(
                    'too_long', l.field || 'description', format(
                        '%s: the description is %s characters; QuickBooks allows at most 4000',
                        l.label, pg_catalog.length(l.description))) end)
            ) as e (ordinality, error)
            where e.error is not null
        )

        select coalesce(pg_catalog.jsonb_agg(
            e.error || pg_catalog.jsonb_build_object('line', e.line_number) order by e.line_number, e.ordinality
        ), '[]')
        from errors as e
    );
end
$$;

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

-- The relationship side: required for Bill and Invoice; mapped, or valid to be mapped now.
create function private.quickbooks_counterparty_errors(
    p_integration public.project_integrations, p_transaction public.transactions, p_entity text
)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_feature public.integration_features;
    v_check jsonb;
begin
    if p_transaction.relationship_id is null then
        if p_entity = 'Purchase' then
            return '[]'::jsonb;
        end if;
        return pg_catalog.jsonb_build_array(private.client_action_error('relationship_required', 'relationship_id',
            format('A QuickBooks %s needs a %s', p_entity,
                case p_entity when 'Invoice' then 'customer' else 'supplier' end)));
    end if;
    select f.* into v_feature
    from public.integration_features as f
    where f.provider_id = p_integration.provider_id
        and f.key = case p_entity when 'Invoice' then 'customers' else 'vendors' end;
    if exists (
        select
        from public.integration_entity_mappings as m
        where m.project_integration_id = p_integration.id and m.entity_type = v_feature.entity_type
            and m.internal_id = p_transaction.relationship_id::text
    ) then
        return '[]'::jsonb;
    end if;
    v_check := private.quickbooks_validate_relationship(p_transaction.relationship_id, v_feature);
    if (v_check ->> 'valid')::boolean then
        return '[]'::jsonb;
    end if;
    return pg_catalog.jsonb_build_array(private.client_action_error('relationship_not_mappable', 'relationship_id',
        format('The %s is not in QuickBooks yet and cannot be sent: %s',
            case p_entity when 'Invoice' then 'customer' else 'supplier' end,
            (
                select pg_catalog.string_agg(e ->> 'message', '; ')
                from pg_catalog.jsonb_array_elements(v_check -> 'errors') as e
            ))));
end
$$;

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

-- The client action: params, the transaction as the caller's RLS shows it, then the check.
create function client_actions.quickbooks__validate_transaction_send_to(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['transaction_id', 'feature'], array['transaction_id']
    );
    v_id uuid := private.client_action_uuid(v_params, 'transaction_id');
    v_feature text := private.client_action_text(v_params, 'feature');
begin
    if not exists (select from public.transactions as t where t.id = v_id) then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'not_found', 'transaction_id', 'No such transaction in a project you belong to'
        )), null);
    end if;
    return private.quickbooks_validate_transaction(v_id, v_feature);
end
$$;

revoke all on function private.quickbooks_transaction_line_errors(public.project_integrations, uuid, text)
from public;
revoke all on function private.quickbooks_payment_errors(public.project_integrations, public.transactions)
from public;
revoke all on function private.quickbooks_counterparty_errors(public.project_integrations, public.transactions, text)
from public;
revoke all on function private.quickbooks_validate_transaction(uuid, text) from public;
revoke all on function client_actions.quickbooks__validate_transaction_send_to(jsonb) from public;
grant execute on function private.quickbooks_transaction_line_errors(public.project_integrations, uuid, text)
to authenticated, service_role;
grant execute on function private.quickbooks_payment_errors(public.project_integrations, public.transactions)
to authenticated, service_role;
grant execute on function private.quickbooks_counterparty_errors(public.project_integrations, public.transactions, text)
to authenticated, service_role;
grant execute on function private.quickbooks_validate_transaction(uuid, text) to authenticated, service_role;
grant execute on function client_actions.quickbooks__validate_transaction_send_to(jsonb)
to authenticated, service_role;
