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

revoke all on function private.quickbooks_transaction_line_errors(public.project_integrations, uuid, text)
from public;

grant execute on function private.quickbooks_transaction_line_errors(public.project_integrations, uuid, text)
to authenticated, service_role;
