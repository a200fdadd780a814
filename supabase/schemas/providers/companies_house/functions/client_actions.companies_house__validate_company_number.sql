create function client_actions.companies_house__validate_company_number(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['company_number'], array['company_number']);
    v_input text := private.client_action_text(v_params, 'company_number');
    v_compact text := pg_catalog.upper(pg_catalog.regexp_replace(v_input, '\s', '', 'g'));
    v_parts text [] := pg_catalog.regexp_match(v_compact, '^([A-Z][A-Z0-9])?([0-9]{1,8})$');
    v_prefix record;
    v_number text;
begin
    if v_compact = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'company_number', 'A company number is required')), null);
    end if;
    if v_parts is null or pg_catalog.length(v_parts[2]) > 8 - coalesce(pg_catalog.length(v_parts[1]), 0) then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_format', 'company_number', format(
                '"%s" is not a company number: 8 characters, either 8 digits or 2 letters and 6 digits '
                || '(e.g. 01234567, SC123456)', v_input))), null);
    end if;
    select p.* into v_prefix from private.companies_house_prefixes() as p where p.prefix = coalesce(v_parts[1], '');
    if not found then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'unknown_prefix', 'company_number', format(
                '"%s" is not a Companies House prefix (e.g. SC Scotland, NI Northern Ireland, OC LLP)',
                v_parts[1]))), null);
    end if;
    v_number := coalesce(v_parts[1], '') || pg_catalog.lpad(v_parts[2], 8 - coalesce(pg_catalog.length(v_parts[1]), 0), '0');
    if v_number ~ '^([A-Z][A-Z0-9])?0+$' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_format', 'company_number', format('"%s" is all zeros, which Companies House never issues',
                v_input))), null);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object(
        'company_number', v_number,
        'prefix', v_prefix.prefix,
        'register', v_prefix.register,
        'details_available', v_prefix.details_available
    ));
end
$$;

revoke all on function client_actions.companies_house__validate_company_number(jsonb) from public;

grant execute on function client_actions.companies_house__validate_company_number(jsonb)
to authenticated, service_role;
