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

revoke all on function private.vrn_check_scheme(text) from public;

grant execute on function private.vrn_check_scheme(text) to authenticated, service_role;
