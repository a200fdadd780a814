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

revoke all on function client_actions.hmrc__validate_utr(jsonb) from public;

grant execute on function client_actions.hmrc__validate_utr(jsonb) to authenticated, service_role;
