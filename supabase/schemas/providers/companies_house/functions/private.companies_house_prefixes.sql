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

revoke all on function private.companies_house_prefixes() from public;

grant execute on function private.companies_house_prefixes() to authenticated, service_role;
