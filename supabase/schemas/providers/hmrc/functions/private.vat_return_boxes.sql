-- HMRC client action validate_vat_return: the body the MTD VAT API takes
-- (POST /organisations/vat/{vrn}/returns), checked as HMRC checks it
-- (specs/hmrc-vat: VatReturnDeclaration schema and the 400 error examples).
--   params: {"periodKey", "vatDueSales", "vatDueAcquisitions", "totalVatDue",
--            "vatReclaimedCurrPeriod", "netVatDue", "totalValueSalesExVAT",
--            "totalValuePurchasesExVAT", "totalValueGoodsSuppliedExVAT",
--            "totalAcquisitionsExVAT", "finalised"}  (HMRC's own names; no other key)
--   data:   box -> field name, for a form
-- Boxes 1-4: JSON numbers with at most 2 decimals, -9,999,999,999,999.99 to
-- 9,999,999,999,999.99. Box 5: 0 to 99,999,999,999.99, 2 decimals. Boxes 6-9: whole pounds
-- (any decimals zero), -9,999,999,999,999 to 9,999,999,999,999. Box 3 must equal box 1 +
-- box 2 (HMRC's VAT_TOTAL_VALUE) and box 5 the difference between box 3 and box 4
-- (VAT_NET_VALUE), exactly. periodKey: 4 characters, capitals, digits or # (18A1, #001).
-- finalised must be true (HMRC's NOT_FINALISED). Missing boxes are errors, not PB422: a
-- form shows them against the box.
create function private.vat_return_boxes()
returns table (box integer, field text, label text, min_value numeric, max_value numeric, max_scale integer)
language plpgsql immutable parallel safe
set search_path = ''
as $$
begin
    return query
        values
        (1, 'vatDueSales', 'VAT due on sales and other outputs', -9999999999999.99, 9999999999999.99, 2),
        (2, 'vatDueAcquisitions', 'VAT due on acquisitions from the EU', -9999999999999.99, 9999999999999.99, 2),
        (3, 'totalVatDue', 'Total VAT due', -9999999999999.99, 9999999999999.99, 2),
        (4, 'vatReclaimedCurrPeriod', 'VAT reclaimed on purchases', -9999999999999.99, 9999999999999.99, 2),
        (5, 'netVatDue', 'Net VAT to pay or reclaim', 0, 99999999999.99, 2),
        (6, 'totalValueSalesExVAT', 'Total value of sales excluding VAT', -9999999999999, 9999999999999, 0),
        (7, 'totalValuePurchasesExVAT', 'Total value of purchases excluding VAT', -9999999999999, 9999999999999, 0),
        (8, 'totalValueGoodsSuppliedExVAT', 'Total value of goods supplied to the EU', -9999999999999, 9999999999999, 0),
        (9, 'totalAcquisitionsExVAT', 'Total value of acquisitions from the EU', -9999999999999, 9999999999999, 0);
end
$$;

revoke all on function private.vat_return_boxes() from public;

grant execute on function private.vat_return_boxes() to authenticated, service_role;
