-- Proves: hmrc.validate_vrn (format, GB/XI prefix, branch, GD/HA ranges, both check-digit
-- schemes), hmrc.validate_utr (format, mod-11 check digit) and hmrc.validate_paye_reference
-- (employer PAYE and Accounts Office reference formats) accept and refuse as HMRC does.
begin;
select plan(30);

create temporary table cases (n integer, action text, params jsonb, expected text[], data jsonb) on commit drop;
insert into cases values
(1, 'validate_vrn', '{"vrn": "GB 339 0727 47"}', '{}', '{"vrn": "339072747", "scheme": "mod97", "country_prefix": "GB"}'),
(2, 'validate_vrn', '{"vrn": "434031929"}', '{}', '{"vrn": "434031929", "scheme": "9755"}'),
(3, 'validate_vrn', '{"vrn": "123456782"}', '{}', '{"scheme": "mod97", "mtd_eligible": true}'),
(4, 'validate_vrn', '{"vrn": "123456727"}', '{}', '{"scheme": "9755"}'),
(5, 'validate_vrn', '{"vrn": "XI123456782001"}', '{}', '{"vrn": "123456782", "branch": "001", "country_prefix": "XI"}'),
(6, 'validate_vrn', '{"vrn": "GD123"}', '{}', '{"vrn": "GD123", "scheme": "government_department", "mtd_eligible": false}'),
(7, 'validate_vrn', '{"vrn": "HA567"}', '{}', '{"scheme": "health_authority"}'),
(8, 'validate_vrn', '{"vrn": "123456789"}', '{invalid_check_digits@vrn}', '{}'),
(9, 'validate_vrn', '{"vrn": "000000000"}', '{invalid_check_digits@vrn}', '{}'),
(10, 'validate_vrn', '{"vrn": "12345678"}', '{invalid_format@vrn}', '{}'),
(11, 'validate_vrn', '{"vrn": "DE123456782"}', '{invalid_format@vrn}', '{}'),
(12, 'validate_vrn', '{"vrn": "GD567"}', '{out_of_range@vrn}', '{}'),
(13, 'validate_vrn', '{"vrn": "HA123"}', '{out_of_range@vrn}', '{}'),
(14, 'validate_vrn', '{"vrn": ""}', '{required@vrn}', '{}'),
(15, 'validate_utr', '{"utr": "2234567890"}', '{}', '{"utr": "2234567890"}'),
(16, 'validate_utr', '{"utr": "22345 67890K"}', '{}', '{"utr": "2234567890"}'),
(17, 'validate_utr', '{"utr": "1234567890"}', '{invalid_check_digit@utr}', '{}'),
(18, 'validate_utr', '{"utr": "223456789"}', '{invalid_format@utr}', '{}'),
(19, 'validate_utr', '{"utr": "22345678901"}', '{invalid_format@utr}', '{}'),
(20, 'validate_utr', '{"utr": " "}', '{required@utr}', '{}'),
(21, 'validate_paye_reference', '{"employer_reference": "123/ab456"}', '{}',
    '{"employer_reference": "123/AB456", "tax_office_number": "123"}'),
(22, 'validate_paye_reference', '{"accounts_office_reference": "123px00123456"}', '{}',
    '{"accounts_office_reference": "123PX00123456"}'),
(23, 'validate_paye_reference', '{"accounts_office_reference": "123PX0012345X"}', '{}', '{}'),
(24, 'validate_paye_reference', '{"employer_reference": "123/ABCDEFGHIJK"}', '{invalid_format@employer_reference}', '{}'),
(25, 'validate_paye_reference', '{"employer_reference": "12/AB456"}', '{invalid_format@employer_reference}', '{}'),
(26, 'validate_paye_reference', '{"accounts_office_reference": "123QX00123456"}',
    '{invalid_format@accounts_office_reference}', '{}'),
(27, 'validate_paye_reference', '{"accounts_office_reference": "123PX001234567"}',
    '{invalid_format@accounts_office_reference}', '{}'),
(28, 'validate_paye_reference', '{"employer_reference": "1/A", "accounts_office_reference": "x"}',
    '{invalid_format@employer_reference,invalid_format@accounts_office_reference}', '{}'),
(29, 'validate_paye_reference', '{}', '{required@employer_reference}', '{}');

select ok(
    tests.error_keys(r) = c.expected and r -> 'data' @> c.data,
    format('%s: %s %s -> %s', c.n, c.action, c.params, coalesce(nullif(array_to_string(c.expected, ', '), ''), 'valid'))
)
from cases as c
cross join lateral (select public.integration_client_action('hmrc', c.action, c.params)) as q (r)
order by c.n;

select throws_ok(
    $$select public.integration_client_action('hmrc', 'validate_vrn', '{"vrn": 339072747}')$$,
    'PB422', 'params.vrn: must be a string, not number', 'a VRN as a JSON number is a params error'
);

select * from finish();
rollback;
