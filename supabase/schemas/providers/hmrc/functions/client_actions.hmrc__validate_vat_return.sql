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

revoke all on function client_actions.hmrc__validate_vat_return(jsonb) from public;

grant execute on function client_actions.hmrc__validate_vat_return(jsonb) to authenticated, service_role;
