-- Proves: hmrc.validate_vat_return checks the nine boxes as HMRC does: required JSON
-- numbers, two-decimal money in boxes 1-5, whole pounds in 6-9, the ranges, box 3 = box 1
-- + box 2 (VAT_TOTAL_VALUE), box 5 = |box 3 - box 4| (VAT_NET_VALUE), the period key
-- format and the final declaration; unknown keys are a params error.
begin;
select plan(24);

create temporary table cases (n integer, description text, change jsonb, expected text[]) on commit drop;
insert into cases values
(1, 'a valid return', '{}', '{}'),
(2, 'a reclaim: box 5 is the difference either way', '{"vatReclaimedCurrPeriod": 150.50, "netVatDue": 50}', '{}'),
(3, 'whole-pound boxes may carry .00', '{"totalValueSalesExVAT": 500.00}', '{}'),
(4, 'negative boxes 1-4 and 6-9 are allowed',
    '{"vatDueSales": -10, "vatDueAcquisitions": 0, "totalVatDue": -10, "vatReclaimedCurrPeriod": 0,
      "netVatDue": 10, "totalValueSalesExVAT": -50}', '{}'),
(5, 'box 3 not box 1 + box 2', '{"totalVatDue": 101.50, "netVatDue": 51.50}', '{vat_total_value@totalVatDue}'),
(6, 'box 5 not |box 3 - box 4|', '{"netVatDue": 0.49}', '{vat_net_value@netVatDue}'),
(7, 'pence in box 6', '{"totalValueSalesExVAT": 500.5}', '{not_whole_pounds@totalValueSalesExVAT}'),
(8, 'three decimals in box 1', '{"vatDueSales": 100.505, "totalVatDue": 100.505}',
    '{too_many_decimals@vatDueSales,too_many_decimals@totalVatDue,vat_net_value@netVatDue}'),
(9, 'a negative box 5', '{"vatReclaimedCurrPeriod": 150.50, "netVatDue": -50}', '{out_of_range@netVatDue,vat_net_value@netVatDue}'),
(10, 'box 5 over 99,999,999,999.99', '{"netVatDue": 100000000000}', '{out_of_range@netVatDue,vat_net_value@netVatDue}'),
(11, 'box 7 over 9,999,999,999,999', '{"totalValuePurchasesExVAT": 10000000000000}', '{out_of_range@totalValuePurchasesExVAT}'),
(12, 'box 2 missing', '{"vatDueAcquisitions": null}', '{required@vatDueAcquisitions}'),
(13, 'box 4 as a string', '{"vatReclaimedCurrPeriod": "50"}', '{not_a_number@vatReclaimedCurrPeriod}'),
(14, 'a period key of 5 characters', '{"periodKey": "18A12"}', '{invalid_format@periodKey}'),
(15, 'a period key in lower case', '{"periodKey": "18a1"}', '{invalid_format@periodKey}'),
(16, 'a period key with #', '{"periodKey": "#001"}', '{}'),
(17, 'a period key as a number', '{"periodKey": 1801}', '{invalid_format@periodKey}'),
(18, 'no period key', '{"periodKey": null}', '{required@periodKey}'),
(19, 'not declared final', '{"finalised": false}', '{not_finalised@finalised}'),
(20, 'no declaration', '{"finalised": null}', '{required@finalised}');

select is(
    tests.error_keys(public.integration_client_action('hmrc', 'validate_vat_return', jsonb_strip_nulls(
        '{"periodKey": "18A1", "vatDueSales": 100.50, "vatDueAcquisitions": 0, "totalVatDue": 100.50,
          "vatReclaimedCurrPeriod": 50, "netVatDue": 50.50, "totalValueSalesExVAT": 500,
          "totalValuePurchasesExVAT": 200, "totalValueGoodsSuppliedExVAT": 0, "totalAcquisitionsExVAT": 0,
          "finalised": true}'::jsonb || c.change))),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c
order by c.n;

select is(
    public.integration_client_action('hmrc', 'validate_vat_return', '{"periodKey": "18A1", "vatDueSales": 1,
        "vatDueAcquisitions": 1, "totalVatDue": 3, "vatReclaimedCurrPeriod": 0, "netVatDue": 3,
        "totalValueSalesExVAT": 0, "totalValuePurchasesExVAT": 0, "totalValueGoodsSuppliedExVAT": 0,
        "totalAcquisitionsExVAT": 0, "finalised": true}') #>> '{errors,0,message}',
    'Box 3 must be box 1 plus box 2 (2); it is 3', 'the VAT_TOTAL_VALUE message says what box 3 should be');
select is(
    jsonb_array_length(public.integration_client_action('hmrc', 'validate_vat_return', '{}') -> 'errors'),
    11, 'an empty return: every box, the period key and the declaration are required');
select throws_ok(
    $$select public.integration_client_action('hmrc', 'validate_vat_return', '{"box1": 1}')$$,
    'PB422', 'params.box1: unknown key', 'a key HMRC does not take is a params error');
select throws_ok(
    $$select public.integration_client_action('hmrc', 'validate_vat_return', '"18A1"')$$,
    'PB422', 'params must be a JSON object, not string', 'params must be an object');

select * from finish();
rollback;
