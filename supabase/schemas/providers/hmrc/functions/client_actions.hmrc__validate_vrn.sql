create function client_actions.hmrc__validate_vrn(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['vrn'], array['vrn']);
    v_input text := private.client_action_text(v_params, 'vrn');
    v_compact text := pg_catalog.upper(pg_catalog.regexp_replace(v_input, '[\s.-]', '', 'g'));
    v_parts text [] := pg_catalog.regexp_match(v_compact, '^(GB|XI)?(?:([0-9]{9})([0-9]{3})?|(GD|HA)([0-9]{3}))$');
    v_scheme text;
begin
    if v_compact = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'vrn', 'A VAT registration number is required')), null);
    end if;
    if v_parts is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_format', 'vrn', format(
                '"%s" is not a VAT registration number: 9 digits (GB 123 4567 89), optionally a '
                || '3-digit branch, or GD/HA and 3 digits', v_input))), null);
    end if;
    if v_parts[4] is not null then
        if (v_parts[4] = 'GD') <> (v_parts[5]::integer < 500) then
            return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
                'out_of_range', 'vrn', format('%s numbers run from %s; %s is outside it', v_parts[4],
                    case v_parts[4] when 'GD' then 'GD000 to GD499' else 'HA500 to HA999' end,
                    v_parts[4] || v_parts[5]))), null);
        end if;
        return private.client_action_result(null, pg_catalog.jsonb_build_object(
            'vrn', v_parts[4] || v_parts[5], 'branch', null, 'country_prefix', v_parts[1],
            'scheme', case v_parts[4] when 'GD' then 'government_department' else 'health_authority' end,
            'mtd_eligible', false
        ));
    end if;
    v_scheme := private.vrn_check_scheme(v_parts[2]);
    if v_scheme is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_check_digits', 'vrn', format(
                '%s fails the VAT number check digits; check it for a typing error', v_parts[2]))), null);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object(
        'vrn', v_parts[2], 'branch', v_parts[3], 'country_prefix', v_parts[1],
        'scheme', v_scheme, 'mtd_eligible', true
    ));
end
$$;

revoke all on function client_actions.hmrc__validate_vrn(jsonb) from public;

grant execute on function client_actions.hmrc__validate_vrn(jsonb) to authenticated, service_role;
