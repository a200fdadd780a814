-- Proves: companies_house.validate_company_number normalises (upper case, no spaces,
-- zero-padded to 8) and accepts the England and Wales numbers and the Companies House
-- prefixes; refuses bad formats, unknown prefixes and all-zero numbers (code@field).
begin;
select plan(17);

create temporary table cases (n integer, input text, expected text[], normalised text, register text) on commit drop;
insert into cases values
(1, '01234567', '{}', '01234567', 'England and Wales company'),
(2, '7592231', '{}', '07592231', 'England and Wales company'),
(3, 'sc 123456', '{}', 'SC123456', 'Scottish company'),
(4, 'SC12345', '{}', 'SC012345', 'Scottish company'),
(5, 'NI012345', '{}', 'NI012345', 'Northern Ireland company'),
(6, 'OC301234', '{}', 'OC301234', 'Limited liability partnership (England and Wales)'),
(7, 'SO300001', '{}', 'SO300001', 'Limited liability partnership (Scotland)'),
(8, 'LP012345', '{}', 'LP012345', 'Limited partnership (England and Wales)'),
(9, 'FC031234', '{}', 'FC031234', 'Overseas company'),
(10, 'R0000123', '{}', 'R0000123', 'Northern Ireland company (pre-partition)'),
(11, 'IP012345', '{}', 'IP012345', 'Industrial and provident society (England and Wales)'),
(12, 'XX123456', '{unknown_prefix@company_number}', null, null),
(13, '123456789', '{invalid_format@company_number}', null, null),
(14, 'SC1234567', '{invalid_format@company_number}', null, null),
(15, 'SC-12345', '{invalid_format@company_number}', null, null),
(16, '00000000', '{invalid_format@company_number}', null, null),
(17, '   ', '{required@company_number}', null, null);

select is(
    (select jsonb_build_object('errors', tests.error_keys(r), 'number', r #>> '{data,company_number}',
        'register', r #>> '{data,register}')
     from (select public.integration_client_action('companies_house', 'validate_company_number',
        jsonb_build_object('company_number', c.input))) as q (r)),
    jsonb_build_object('errors', c.expected, 'number', c.normalised, 'register', c.register),
    format('%s: "%s"', c.n, c.input)
)
from cases as c
order by c.n;

select * from finish();
rollback;
