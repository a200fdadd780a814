-- Proves: every public RPC (read from pg_proc, so a new one is covered as soon as it lands)
-- refuses a caller whose JWT claims are missing, empty, malformed, carry no role, only a
-- role, a sub that is no uuid, the sub of someone outside the project (who owns another
-- one) or of a member without the permission the call needs -- with 42501 or PB403/PB404,
-- or, for the security-invoker reads, by showing nothing (0 rows). Claims that say
-- service_role do not count unless the database role is service_role too. Each sample call
-- does what it says for the caller it is meant for (the control column), so a refusal is
-- never a call that would fail anyway. The claim readers never raise, whatever the claims.
-- An RPC without a row in `calls` fails here, by name: give it a sample call.
begin;
select tests.hmrc_fixture();

-- before anything sets request.jwt.claims in this session: the setting is missing (null)
create temporary table no_claims_yet on commit drop as
select
    current_setting('request.jwt.claims', true) is null as is_missing,
    private.caller_claims() as claims,
    private.caller_uid() as uid,
    private.caller_is_service_role() as is_service_role;

-- a Companies House company link and sync logs in ca_project, for the RPCs that take them
insert into public.integration_entity_mappings (id, project_integration_id, entity_type, internal_id, external_id, is_stale)
values (tests.id('sec_company'), tests.integration_id('ca_project', 'companies_house'), 'company',
    tests.id('rel_vendor'), '09876543', true);
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, trigger_type, direction, action
)
select tests.id('sec_log'), pi.project_id, pi.id, pi.provider_id, 'on_manual', 'inbound', 'chart_of_accounts'
from public.project_integrations as pi where pi.id = tests.integration_id('ca_project', 'quickbooks');
-- a failed run of a feature, for the retry
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, action, status,
    error_message, details
)
select tests.id('sec_failed_log'), pi.project_id, pi.id, pi.provider_id, f.id, 'on_schedule', 'inbound',
    f.server_action, 'failed', 'it broke', '{"params": {"feature": "chart_of_accounts"}}'
from public.project_integrations as pi
inner join public.integration_features as f on f.provider_id = pi.provider_id and f.key = 'chart_of_accounts'
where pi.id = tests.integration_id('ca_project', 'quickbooks');

-- One sample call per RPC: `select count(*) …` counting what the call did or showed (0 or
-- an error when refused). `control` is the caller it works for; `member_may` marks the
-- reads any member of the project may make (the member-without-permission case then
-- expects them to work).
create temporary table calls (rpc regprocedure primary key, call text not null, control text not null,
    member_may boolean not null default false) on commit drop;
insert into calls
select c.rpc::regprocedure, c.call, coalesce(c.control, 'ca_owner'), coalesce(c.member_may, false)
from (values
('public.integration_client_action(text,text,jsonb)', format(
    'select count(*) from public.integration_client_action(%L, %L, %L) as r where r ->> %L = %L',
    'quickbooks', 'validate_transaction_send_to', jsonb_build_object('transaction_id', tests.id('tx_bill')),
    'valid', 'true'), null, true),
('public.integration_request_sync(uuid,text,text[])', format(
    'select count(*) from public.integration_request_sync(%L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'quickbooks'), 'chart_of_accounts', 'queued'), null, null),
('public.integration_send_to(text,text,uuid)', format(
    'select count(*) from public.integration_send_to(%L, %L, %L) as r where (r ->> %L)::boolean',
    'quickbooks', 'transaction', tests.id('tx_bill'), 'queued'), null, null),
('public.integration_set_enabled(uuid,text,boolean)', format(
    'select count(*) from public.integration_set_enabled(%L, %L, false)', tests.id('ca_project'), 'quickbooks'),
    null, null),
('public.integration_feature_set_enabled(uuid,text,boolean)', format(
    'select count(*) from public.integration_feature_set_enabled(%L, %L, false)',
    tests.integration_id('ca_project', 'quickbooks'), 'chart_of_accounts'), null, null),
('public.integration_feature_set_trigger(uuid,text,sync_trigger_type,jsonb)', format(
    'select count(*) from public.integration_feature_set_trigger(%L, %L, %L, %L)',
    tests.integration_id('ca_project', 'quickbooks'), 'chart_of_accounts', 'on_manual', '{"entity": "projects"}'),
    null, null),
('public.integration_sync_logs_page(uuid,jsonb,timestamptz,uuid,integer)', format(
    'select count(*) from public.integration_sync_logs_page(%L)', tests.id('ca_project')), null, null),
('public.integration_retry_sync(uuid)', format(
    'select count(*) from public.integration_retry_sync(%L) as r where r is not null', tests.id('sec_failed_log')),
    null, null),
('public.integration_sync_log_outcomes(uuid,integer)', format(
    'select count(*) from public.integration_sync_log_outcomes(%L)', tests.id('ca_project')), null, null),
('public.integration_sync_log_status(uuid[])', format(
    'select count(*) from public.integration_sync_log_status(array[%L]::uuid[])', tests.id('sec_log')), null, null),
('public.integration_set_api_key(text,text)',
    'select count(*) from public.integration_set_api_key(''companies_house'', ''sec-test-key'')', 'service_role', null),
('public.companies_house_link_company(uuid,text)', format(
    'select count(*) from public.companies_house_link_company(%L, %L) as r where (r ->> %L)::boolean',
    tests.id('rel_new'), '01234567', 'linked'), null, null),
('public.companies_house_search_companies(uuid,text,integer)', format(
    'select count(*) from public.companies_house_search_companies(%L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'companies_house'), 'brightwater', 'queued'), null, null),
('public.companies_house_acknowledge_change(uuid)', format(
    'select count(*) from public.companies_house_acknowledge_change(%L)', tests.id('sec_company')), null, null),
('public.hmrc_set_references(uuid,jsonb)', format(
    'select count(*) from public.hmrc_set_references(%L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'hmrc'), '{"vrn": "123456782"}', 'saved'), null, null),
('public.hmrc_submit_vat_return(uuid,jsonb,jsonb)', format(
    'select count(*) from public.hmrc_submit_vat_return(%L, %L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'hmrc'),
    '{"periodKey": "A001", "vatDueSales": 105.5, "vatDueAcquisitions": -100.45, "totalVatDue": 5.05,
      "vatReclaimedCurrPeriod": 105.15, "netVatDue": 100.1, "totalValueSalesExVAT": 300,
      "totalValuePurchasesExVAT": 300, "totalValueGoodsSuppliedExVAT": 3000, "totalAcquisitionsExVAT": 3000,
      "finalised": true}',
    '{"device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce", "user_agent": "Mozilla/5.0",
      "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1, "colour_depth": 24}],
      "window_size": {"width": 1256, "height": 803}, "timezone": "UTC+00:00", "public_ip": "81.2.69.160",
      "public_port": 49152, "public_ip_timestamp": "2026-11-25T09:01:02.345Z"}', 'queued'), null, null),
('public.hmrc_fetch_vat_obligations(uuid,jsonb)', format(
    'select count(*) from public.hmrc_fetch_vat_obligations(%L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'hmrc'),
    '{"device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce", "user_agent": "Mozilla/5.0",
      "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1, "colour_depth": 24}],
      "window_size": {"width": 1256, "height": 803}, "timezone": "UTC+00:00", "public_ip": "81.2.69.160",
      "public_port": 49152, "public_ip_timestamp": "2026-11-25T09:01:02.345Z"}', 'queued'), null, null),
('public.integration_link_record(uuid,text,uuid,text)', format(
    'select count(*) from public.integration_link_record(%L, %L, %L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'quickbooks'), 'vendor', tests.id('rel_new'), '9001', 'linked'), null, null),
('public.integration_unlink_record(uuid,text,uuid)', format(
    'select count(*) from public.integration_unlink_record(%L, %L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'companies_house'), 'company', tests.id('rel_vendor'), 'unlinked'), null, null),
('public.integration_map_code(uuid,text,text,text)', format(
    'select count(*) from public.integration_map_code(%L, %L, %L, %L) as r where (r ->> %L)::boolean',
    tests.integration_id('ca_project', 'quickbooks'), 'account', '6000', '80', 'mapped'), null, null),
('public.project_member_name(uuid,uuid)', format(
    'select count(*) from public.project_member_name(%L, %L) as n where n is not null',
    tests.id('ca_project'), tests.user_id('ca_owner')), null, true),
('public.quickbooks_set_book_close_date(uuid,date)', format(
    'select count(*) from public.quickbooks_set_book_close_date(%L, %L)',
    tests.integration_id('ca_project', 'quickbooks'), '2026-02-28'), null, null),
('public.integration_api_key_state(uuid)', format(
    'select count(*) from public.integration_api_key_state(%L) as r where r ? %L',
    tests.integration_id('ca_project', 'companies_house'), 'is_set'), null, null)
) as c (rpc, call, control, member_may)
where to_regprocedure(c.rpc) is not null;

-- Every public function of ours (not an extension's, e.g. pgTAP's) is an RPC.
create temporary table rpcs on commit drop as
select p.oid::regprocedure as rpc
from pg_proc as p
where p.pronamespace = 'public'::regnamespace
    and not exists (select from pg_depend as d where d.objid = p.oid and d.deptype = 'e');

-- The callers that must be refused; the label says which kind of claims.
create temporary table refused_callers (label text primary key, actor text not null) on commit drop;
insert into refused_callers values
('anon', 'anon'),
('claims missing or empty', 'claims:'),
('claims {}', 'claims:{}'),
('claims not JSON', 'claims:{"sub": '),
('claims a JSON array', 'claims:[]'),
('claims a JSON string', 'claims:"service_role"'),
('no role, sub of a stranger', format('claims:{"sub": "%s"}', tests.user_id('hm_other_owner'))),
('role authenticated only', 'claims:{"role": "authenticated"}'),
('role service_role in the claims only', 'claims:{"role": "service_role"}'),
('sub not a uuid', 'claims:{"sub": "ca_owner", "role": "authenticated"}'),
('sub of a stranger (owner of another project)',
    format('claims:{"sub": "%s", "role": "authenticated"}', tests.user_id('hm_other_owner'))),
('sub of a member without the permission',
    format('claims:{"sub": "%s", "role": "authenticated"}', tests.user_id('ca_member')));

select plan((
    (select count(*) from rpcs) * (2 + (select count(*) from refused_callers)) + 4
)::integer);

-- No permission decision reads auth.uid() / auth.role() / auth.jwt() (null for a missing
-- claim, an error for malformed JSON) instead of the caller_* readers.
select is(
    array(
        select p.oid::regprocedure::text
        from pg_proc as p
        where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
            and p.prosrc ~ 'auth\.(uid|role|jwt)\('
            and not exists (select from pg_depend as d where d.objid = p.oid and d.deptype = 'e')
        order by 1
    ),
    '{}'::text[],
    'no function of ours reads auth.uid() / auth.role() / auth.jwt(): the caller_* readers do'
);
select is(
    array(
        select format('%s.%s %s', p.schemaname, p.tablename, p.policyname)
        from pg_policies as p
        where concat(p.qual, ' ', p.with_check) ~ 'auth\.(uid|role|jwt)\('
        order by 1
    ),
    '{}'::text[],
    'no policy reads auth.uid() / auth.role() / auth.jwt()'
);

select is(
    (select row(n.is_missing, n.claims, n.uid, n.is_service_role)::text from no_claims_yet as n),
    row(true, '{}'::jsonb, null::uuid, false)::text,
    'claims missing: caller_claims() is {}, no caller uid, not service_role'
);
select is(
    (select array_agg(row(private.caller_claims(), private.caller_uid(), private.caller_is_service_role())::text
        order by a.ord)
     from unnest(array['', '{"sub": ', '[]', 'null', '"x"', '{"sub": 7}', '{"sub": "abc"}', '{"role": "service_role"}'])
         with ordinality as a (claims, ord)
     cross join lateral (select set_config('request.jwt.claims', a.claims, true)) as s),
    array_fill(row('{}'::jsonb, null::uuid, false)::text, array[5])
    || array[row('{"sub": 7}'::jsonb, null::uuid, false)::text, row('{"sub": "abc"}'::jsonb, null::uuid, false)::text,
        row('{"role": "service_role"}'::jsonb, null::uuid, false)::text],
    'the claim readers never raise: bad claims read as {} / no uid / not service_role'
);

select ok(c.rpc is not null, format('%s has a sample call in calls', r.rpc))
from rpcs as r left join calls as c on r.rpc = c.rpc
order by r.rpc::text;

select ok(tests.outcome(c.control, c.call) ~ '^rows [1-9]',
    format('%s works for %s (the sample call is a real one): %s', c.rpc, c.control, tests.outcome(c.control, c.call)))
from rpcs as r left join calls as c on r.rpc = c.rpc
order by r.rpc::text;

select ok(
    case
        when c.rpc is null then false
        when a.label = 'sub of a member without the permission' and c.member_may
            then tests.outcome(a.actor, c.call) ~ '^rows [1-9]'
        else tests.outcome(a.actor, c.call) ~ '^(rows 0|permission denied|PB403: |PB404: )'
    end,
    format('%s, %s: %s', r.rpc, a.label, case when c.rpc is null then 'no sample call' else
        tests.outcome(a.actor, c.call) end)
)
from rpcs as r
cross join refused_callers as a
left join calls as c on r.rpc = c.rpc
order by r.rpc::text, a.label;

select * from finish();
rollback;
