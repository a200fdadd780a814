-- HMRC client actions for identifiers: validate_vrn, validate_utr, validate_paye_reference.
-- Input is normalised first (upper case, spaces dropped) and the normalised form returned.
--
-- VAT registration number (VRN): 9 digits, optionally with a GB (or XI, Northern Ireland)
-- country prefix and a 3-digit branch suffix (12 digits), or GD000-GD499 (government
-- departments) / HA500-HA999 (health authorities). Check digits: the first 7 digits
-- weighted 8, 7, 6, 5, 4, 3, 2, plus the last two digits as a number, must be a multiple
-- of 97 (the original modulus-97 scheme) or be one once 55 is added (the "9755" scheme
-- HMRC moved to in 2010). The MTD VAT API takes the 9 digits only.
-- Unique Taxpayer Reference (UTR): 10 digits (an optional trailing K as printed on some
-- letters); digits 2-10 weighted 6, 7, 8, 9, 10, 5, 4, 3, 2, and the remainder mod 11 gives
-- the first digit through 2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1.
-- Employer PAYE reference: a 3-digit tax office number, "/", 1-10 letters or digits
-- (123/AB456). Accounts Office reference: 3 digits, P, a letter, 7 digits, a digit or X
-- (123PX00123456), 13 characters.

/** --- VAT registration number --- */

create function private.vrn_check_scheme(p_digits text)
returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return (
        with total as (
            select
                (
                    select pg_catalog.sum(pg_catalog.substr(p_digits, i, 1)::integer * (9 - i))
                    from pg_catalog.generate_series(1, 7) as i
                ) + pg_catalog.substr(p_digits, 8, 2)::integer as value
        )

        select case
            when p_digits = '000000000' then null
            when t.value % 97 = 0 then 'mod97'
            when (t.value + 55) % 97 = 0 then '9755'
        end
        from total as t
    );
end
$$;

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

/** --- Unique Taxpayer Reference --- */

create function client_actions.hmrc__validate_utr(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(p_params, array['utr'], array['utr']);
    v_input text := private.client_action_text(v_params, 'utr');
    v_digits text := pg_catalog.substring(
        pg_catalog.upper(pg_catalog.regexp_replace(v_input, '\s', '', 'g')), '^([0-9]{10})K?$'
    );
    v_expected integer;
begin
    if pg_catalog.btrim(v_input) = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'utr', 'A Unique Taxpayer Reference is required')), null);
    end if;
    if v_digits is null then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_format', 'utr', format('"%s" is not a UTR: 10 digits, e.g. 12345 67890', v_input))), null);
    end if;
    select (array[2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1])[pg_catalog.sum(
        pg_catalog.substr(v_digits, w.position::integer + 1, 1)::integer * w.weight
    )::integer % 11 + 1]
    into v_expected
    from pg_catalog.unnest(array[6, 7, 8, 9, 10, 5, 4, 3, 2]) with ordinality as w (weight, position);
    if pg_catalog.substr(v_digits, 1, 1)::integer <> v_expected then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'invalid_check_digit', 'utr', format(
                '%s fails the UTR check digit; check it for a typing error', v_digits))), null);
    end if;
    return private.client_action_result(null, pg_catalog.jsonb_build_object('utr', v_digits));
end
$$;

/** --- Employer PAYE reference and Accounts Office reference --- */

create function client_actions.hmrc__validate_paye_reference(p_params jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
    v_params jsonb := private.client_action_params(
        p_params, array['employer_reference', 'accounts_office_reference'], '{}'
    );
    v_employer text := pg_catalog.upper(pg_catalog.regexp_replace(
        private.client_action_text(v_params, 'employer_reference'), '\s', '', 'g'
    ));
    v_accounts_office text := pg_catalog.upper(pg_catalog.regexp_replace(
        private.client_action_text(v_params, 'accounts_office_reference'), '\s', '', 'g'
    ));
    v_errors jsonb := '[]'::jsonb;
begin
    if coalesce(v_employer, '') = '' and coalesce(v_accounts_office, '') = '' then
        return private.client_action_result(pg_catalog.jsonb_build_array(private.client_action_error(
            'required', 'employer_reference',
            'Give the employer PAYE reference, the Accounts Office reference, or both')), null);
    end if;
    if v_employer <> '' and v_employer !~ '^[0-9]{3}/[A-Z0-9]{1,10}$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'employer_reference', format(
            '"%s" is not an employer PAYE reference: 3 digits, a slash and up to 10 letters or digits (123/AB456)',
            v_params ->> 'employer_reference'));
    end if;
    if v_accounts_office <> '' and v_accounts_office !~ '^[0-9]{3}P[A-Z][0-9]{7}[0-9X]$' then
        v_errors := v_errors || private.client_action_error('invalid_format', 'accounts_office_reference', format(
            '"%s" is not an Accounts Office reference: 13 characters, 3 digits, P, a letter, 7 digits and a '
            || 'digit or X (123PX00123456)', v_params ->> 'accounts_office_reference'));
    end if;
    return private.client_action_result(v_errors, pg_catalog.jsonb_build_object(
        'employer_reference', nullif(v_employer, ''),
        'tax_office_number', pg_catalog.substring(v_employer, '^([0-9]{3})/'),
        'accounts_office_reference', nullif(v_accounts_office, '')
    ));
end
$$;

revoke all on function private.vrn_check_scheme(text) from public;
revoke all on function client_actions.hmrc__validate_vrn(jsonb) from public;
revoke all on function client_actions.hmrc__validate_utr(jsonb) from public;
revoke all on function client_actions.hmrc__validate_paye_reference(jsonb) from public;
grant execute on function private.vrn_check_scheme(text) to authenticated, service_role;
grant execute on function client_actions.hmrc__validate_vrn(jsonb) to authenticated, service_role;
grant execute on function client_actions.hmrc__validate_utr(jsonb) to authenticated, service_role;
grant execute on function client_actions.hmrc__validate_paye_reference(jsonb) to authenticated, service_role;
