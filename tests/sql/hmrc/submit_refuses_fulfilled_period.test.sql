-- Proves: hmrc_submit_vat_return refuses with PB409, queueing nothing, a period the cached
-- obligations of the project's VRN show as fulfilled (A003: status F), naming the period,
-- the date HMRC received its return and what to do; an open period (A001) is queued.
begin;
select plan(3);
select tests.hmrc_fixture();

create or replace function pg_temp.submit_sql(p_period text)
returns text
language sql
as $$
    select format('select public.hmrc_submit_vat_return(%L, %L, %L)', tests.integration_id('ca_project', 'hmrc'),
        jsonb_build_object('periodKey', p_period, 'vatDueSales', 105.5, 'vatDueAcquisitions', -100.45,
            'totalVatDue', 5.05, 'vatReclaimedCurrPeriod', 105.15, 'netVatDue', 100.1, 'totalValueSalesExVAT', 300,
            'totalValuePurchasesExVAT', 300, 'totalValueGoodsSuppliedExVAT', 3000, 'totalAcquisitionsExVAT', 3000,
            'finalised', true),
        '{"device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce", "user_agent": "Mozilla/5.0",
          "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1, "colour_depth": 24}],
          "window_size": {"width": 1256, "height": 803}, "timezone": "UTC+00:00", "public_ip": "81.2.69.160",
          "public_port": 49152, "public_ip_timestamp": "2026-11-25T09:01:02.345Z"}'::jsonb)
$$;

select is(
    (select jsonb_build_object('outcome', o ->> 'outcome', 'written', o -> 'written')
     from (select tests.rpc_outcome('ca_owner', null, pg_temp.submit_sql('A003'))) as q (o)),
    '{"outcome": "PB409", "written": 0}'::jsonb,
    'a period the cached obligations show as fulfilled: PB409, nothing queued'
);
select matches(
    (select o ->> 'message' from (select tests.rpc_outcome('ca_owner', null, pg_temp.submit_sql('A003'))) as q (o)),
    format('^HMRC already received the VAT return for period A003 \(on %s\)\. .*VAT652',
        to_char(current_date - 95, 'DD Mon YYYY')),
    'the refusal names the period, when HMRC received its return, and what to do'
);
select is(
    (select o #> '{result,queued}' from (select tests.rpc_outcome('ca_owner', null, pg_temp.submit_sql('A001'))) as q (o)),
    'true'::jsonb,
    'an open period is queued'
);

select * from finish();
rollback;
