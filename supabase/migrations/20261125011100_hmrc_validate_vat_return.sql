-- HMRC client action validate_vat_return: the body the MTD VAT API takes
-- (POST /organisations/vat/{vrn}/returns), checked as HMRC checks it
-- (../shared/specs/hmrc-vat: VatReturnDeclaration schema and the 400 error examples).
--   params: {"periodKey", "vatDueSales", "vatDueAcquisitions", "totalVatDue",
--            "vatReclaimedCurrPeriod", "netVatDue", "totalValueSalesExVAT",
--            "totalValuePurchasesExVAT", "totalValueGoodsSuppliedExVAT",
--            "totalAcquisitionsExVAT", "finalised"}  (HMRC's own names; no other key)
--   data:   box -> field name, for a form
-- Boxes 1-4: JSON numbers with at most 2 decimals, -9,999,999,999,999.99 to
-- 9,999,999,999,999.99. Box 5: 0 to 99,999,999,999.99, 2 decimals. Boxes 6-9: whole pounds
-- (any decimals zero), -9,999,999,999,999 to 9,999,999,999,999. Box 3 must equal box 1 +
-- box 2 (HMRC's VAT_TOTAL_VALUE) and box 5 the difference between box 3 and box 4
-- (VAT_NET_VALUE), exactly. periodKey: 4 characters, capitals, digits or # (18A1, #001).
-- finalised must be true (HMRC's NOT_FINALISED). Missing boxes are errors, not PB422: a
-- form shows them against the box.

create function private.vat_return_boxes()
returns table (box integer, field text, label text, min_value numeric, max_value numeric, max_scale integer)
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return query
        values
        (1, 'vatDueSales', 'VAT due on sales and other outputs', -9999999999999.99, 9999999999999.99, 2),
        (2, 'vatDueAcquisitions', 'VAT due on acquisitions from the EU', -9999999999999.99, 9999999999999.99, 2),
        (3, 'totalVatDue', 'Total VAT due', -9999999999999.99, 9999999999999.99, 2),
        (4, 'vatReclaimedCurrPeriod', 'VAT reclaimed on purchases', -9999999999999.99, 9999999999999.99, 2),
        (5, 'netVatDue', 'Net VAT to pay or reclaim', 0, 99999999999.99, 2),
        (6, 'totalValueSalesExVAT', 'Total value of sales excluding VAT', -9999999999999, 9999999999999, 0),
        (7, 'totalValuePurchasesExVAT', 'Total value of purchases excluding VAT', -9999999999999, 9999999999999, 0),
        (8, 'totalValueGoodsSuppliedExVAT', 'Total value of goods supplied to the EU', -9999999999999, 9999999999999, 0),
        (9, 'totalAcquisitionsExVAT', 'Total value of acquisitions from the EU', -9999999999999, 9999999999999, 0);
end
$$;

create function client_actions.hmrc__validate_vat_return(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params,
        array['periodKey', 'finalised'] || array(select b.field from private.vat_return_boxes() as b order by b.box),
        '{}'
    );
    v_period_key jsonb := v_params -> 'periodKey';
    v_errors jsonb;
    v_boxes numeric [];
begin
    with boxes as (
        select
            b.*,
            pg_catalog.jsonb_typeof(v_params -> b.field) as json_type,
            case when pg_catalog.jsonb_typeof(v_params -> b.field) = 'number'
                then (v_params ->> b.field)::numeric end as value
        from private.vat_return_boxes() as b
    )

    select
        coalesce(pg_catalog.jsonb_agg(e.error order by b.box) filter (where e.error is not null), '[]'),
        pg_catalog.array_agg(b.value order by b.box)
    into v_errors, v_boxes
    from boxes as b
    cross join lateral (
        select case
            when coalesce(b.json_type, 'null') = 'null' then private.client_action_error('required', b.field,
                format('Box %s (%s) is required', b.box, b.label))
            when b.json_type <> 'number' then private.client_action_error('not_a_number', b.field,
                format('Box %s (%s) must be a number', b.box, b.label))
            when b.max_scale = 0 and b.value <> pg_catalog.trunc(b.value) then private.client_action_error(
                'not_whole_pounds', b.field, format('Box %s (%s) is in whole pounds; %s has pence',
                    b.box, b.label, b.value))
            when pg_catalog.scale(b.value) > b.max_scale and b.max_scale > 0 then private.client_action_error(
                'too_many_decimals', b.field, format('Box %s (%s) takes pounds and pence (2 decimals), not %s',
                    b.box, b.label, b.value))
            when b.value not between b.min_value and b.max_value then private.client_action_error(
                'out_of_range', b.field, format('Box %s (%s) must be from %s to %s',
                    b.box, b.label, pg_catalog.to_char(b.min_value, 'FM9,999,999,999,990.99'),
                    pg_catalog.to_char(b.max_value, 'FM9,999,999,999,990.99')))
        end as error
    ) as e;

    if v_boxes[1] is not null and v_boxes[2] is not null and v_boxes[3] is not null
        and v_boxes[3] <> v_boxes[1] + v_boxes[2] then
        v_errors := v_errors || private.client_action_error('vat_total_value', 'totalVatDue', format(
            'Box 3 must be box 1 plus box 2 (%s); it is %s', v_boxes[1] + v_boxes[2], v_boxes[3]));
    end if;
    if v_boxes[3] is not null and v_boxes[4] is not null and v_boxes[5] is not null
        and v_boxes[5] <> pg_catalog.abs(v_boxes[3] - v_boxes[4]) then
        v_errors := v_errors || private.client_action_error('vat_net_value', 'netVatDue', format(
            'Box 5 must be the difference between box 3 and box 4 (%s); it is %s',
            pg_catalog.abs(v_boxes[3] - v_boxes[4]), v_boxes[5]));
    end if;

    if coalesce(pg_catalog.jsonb_typeof(v_period_key), 'null') = 'null' then
        v_errors := v_errors || private.client_action_error('required', 'periodKey',
            'The period key of the obligation is required');
    elsif pg_catalog.jsonb_typeof(v_period_key) <> 'string' or v_period_key #>> '{}' !~ '^[A-Z0-9#]{4}$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'periodKey', format(
            '%s is not a period key: 4 characters, capitals, digits or # (18A1, #001)', v_period_key));
    end if;
    if coalesce(pg_catalog.jsonb_typeof(v_params -> 'finalised'), 'null') = 'null' then
        v_errors := v_errors || private.client_action_error('required', 'finalised',
            'The declaration that the return is final is required');
    elsif v_params -> 'finalised' <> 'true'::jsonb then
        v_errors := v_errors || private.client_action_error('not_finalised', 'finalised',
            'The return must be declared final (finalised: true) before HMRC takes it');
    end if;

    return private.client_action_result(v_errors, (
        select pg_catalog.jsonb_object_agg(b.box::text, b.field) from private.vat_return_boxes() as b
    ));
end
$$;

revoke all on function private.vat_return_boxes() from public;
revoke all on function client_actions.hmrc__validate_vat_return(jsonb) from public;
grant execute on function private.vat_return_boxes() to authenticated, service_role;
grant execute on function client_actions.hmrc__validate_vat_return(jsonb) to authenticated, service_role;
