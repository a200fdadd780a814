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

revoke all on function client_actions.hmrc__validate_paye_reference(jsonb) from public;

grant execute on function client_actions.hmrc__validate_paye_reference(jsonb) to authenticated, service_role;
