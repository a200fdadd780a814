-- Companies House client action validate_company_number.
--   params: {"company_number": text}
--   data:   company_number (normalised: upper case, spaces dropped, digits zero-padded to
--           8 characters, e.g. "sc 12345" -> "SC012345"), prefix, register (what the
--           prefix means), details_available (false for the registers Companies House keeps
--           only a name and number for)
-- A company number is 8 characters: 8 digits (England and Wales), or a 2-character prefix
-- and 6 digits. Prefixes: Companies House's URI customer guide, plus CE/CS (charitable
-- incorporated organisations), SG (Scottish qualifying partnerships), OE (overseas
-- entities) and BR (UK establishments of overseas companies), which its register uses.

create function private.companies_house_prefixes()
returns table (prefix text, register text, details_available boolean)
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return query
        values
        ('', 'England and Wales company', true),
        ('AC', 'Assurance company (England and Wales)', true),
        ('ZC', 'Unregistered company, s.1043 (England and Wales)', true),
        ('FC', 'Overseas company', true),
        ('GE', 'European Economic Interest Grouping (England and Wales)', true),
        ('LP', 'Limited partnership (England and Wales)', true),
        ('OC', 'Limited liability partnership (England and Wales)', true),
        ('SE', 'European company, Societas Europaea (England and Wales)', true),
        ('SA', 'Assurance company (Scotland)', true),
        ('SZ', 'Unregistered company, s.1043 (Scotland)', true),
        ('SF', 'Overseas company registered in Scotland before 1 October 2009', true),
        ('GS', 'European Economic Interest Grouping (Scotland)', true),
        ('SL', 'Limited partnership (Scotland)', true),
        ('SO', 'Limited liability partnership (Scotland)', true),
        ('SC', 'Scottish company', true),
        ('ES', 'European company, Societas Europaea (Scotland)', true),
        ('NA', 'Assurance company (Northern Ireland)', true),
        ('NZ', 'Unregistered company, s.1043 (Northern Ireland)', true),
        ('NF', 'Overseas company registered in Northern Ireland before 1 October 2009', true),
        ('GN', 'European Economic Interest Grouping (Northern Ireland)', true),
        ('NL', 'Limited partnership (Northern Ireland)', true),
        ('NC', 'Limited liability partnership (Northern Ireland)', true),
        ('R0', 'Northern Ireland company (pre-partition)', true),
        ('NI', 'Northern Ireland company', true),
        ('EN', 'European company, Societas Europaea (Northern Ireland)', true),
        ('CE', 'Charitable incorporated organisation (England and Wales)', true),
        ('CS', 'Scottish charitable incorporated organisation', true),
        ('SG', 'Scottish qualifying partnership', true),
        ('OE', 'Overseas entity', true),
        ('BR', 'UK establishment of an overseas company', true),
        ('IP', 'Industrial and provident society (England and Wales)', false),
        ('SP', 'Industrial and provident society (Scotland)', false),
        ('IC', 'Investment company with variable capital (England and Wales)', false),
        ('SI', 'Investment company with variable capital (Scotland)', false),
        ('NP', 'Industrial and provident society or credit union (Northern Ireland)', false),
        ('NV', 'Investment company with variable capital (Northern Ireland)', false),
        ('RC', 'Royal charter company (England and Wales)', false),
        ('SR', 'Royal charter company (Scotland)', false),
        ('NR', 'Royal charter company (Northern Ireland)', false),
        ('NO', 'Credit union or industrial and provident society (Northern Ireland)', false);
end
$$;

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

revoke all on function private.companies_house_prefixes() from public;
revoke all on function client_actions.companies_house__validate_company_number(jsonb) from public;
grant execute on function private.companies_house_prefixes() to authenticated, service_role;
grant execute on function client_actions.companies_house__validate_company_number(jsonb)
to authenticated, service_role;
