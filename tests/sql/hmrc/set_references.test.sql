-- Proves: hmrc_set_references saves the project's HMRC identifiers normalised (VRN with
-- prefix and spaces, UTR with K suffix, employer PAYE and Accounts Office references in
-- lower case), removes one given as null, and saves nothing when any is refused (bad
-- format, check digits, a VRN outside MTD); who may call it (owner and service role; a
-- member without integration:manage PB403, an outsider PB404, anon no privilege); PB422
-- for another provider's integration or an unknown key.
begin;
select plan(17);
select tests.hmrc_fixture();

create temporary table cases (n integer, description text, refs jsonb, expected jsonb) on commit drop;
insert into cases values
(1, 'VRN with prefix and spaces, UTR with K, PAYE references in lower case',
    '{"vrn": "GB 339 0727 47", "utr": "22345 67890K", "employer_paye_reference": "123/ab456",
      "accounts_office_reference": "123px00123456"}',
    '{"saved": true, "errors": [], "settings": {"vrn": "339072747", "utr": "2234567890",
      "employer_paye_reference": "123/AB456", "accounts_office_reference": "123PX00123456"}}'),
(2, 'only the Accounts Office reference: the saved employer reference stays',
    '{"accounts_office_reference": "123PX0012345X"}',
    '{"saved": true, "errors": [], "settings": {"vrn": "123456782", "employer_paye_reference": "123/AB12345",
      "accounts_office_reference": "123PX0012345X"}}'),
(3, 'null removes the VRN', '{"vrn": null}',
    '{"saved": true, "errors": [], "settings": {"employer_paye_reference": "123/AB12345"}}'),
(4, 'a VRN failing its check digits', '{"vrn": "123456789"}',
    '{"saved": false, "errors": ["invalid_check_digits@vrn"]}'),
(5, 'a government department VRN is not MTD', '{"vrn": "GD123"}',
    '{"saved": false, "errors": ["not_mtd_eligible@vrn"]}'),
(6, 'a UTR failing its check digit, with a good VRN: nothing saved', '{"vrn": "339072747", "utr": "1234567890"}',
    '{"saved": false, "errors": ["invalid_check_digit@utr"]}'),
(7, 'a bad employer PAYE reference', '{"employer_paye_reference": "12/AB456"}',
    '{"saved": false, "errors": ["invalid_format@employer_reference"]}'),
(8, 'a bad Accounts Office reference', '{"accounts_office_reference": "123QX00123456"}',
    '{"saved": false, "errors": ["invalid_format@accounts_office_reference"]}');

select is(
    (select case when (o -> 'result' ->> 'saved')::boolean
        then o -> 'result'
        else jsonb_build_object('saved', false, 'errors', to_jsonb(tests.error_keys(o -> 'result')))
     end
     from (select tests.rpc_outcome('ca_owner', null, format('select public.hmrc_set_references(%L, %L)',
        tests.integration_id('ca_project', 'hmrc'), c.refs))) as q (o)),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c
order by c.n;

select is(
    (select jsonb_build_object('saved', o #> '{result,saved}', 'settings', o #> '{result,settings}')
     from (select tests.rpc_outcome('ca_owner', null, format('select public.hmrc_set_references(%L, %L)',
        tests.integration_id('ca_project', 'hmrc'), '{"vrn": "123456789"}'))) as q (o)),
    '{"saved": false, "settings": {"vrn": "123456782", "employer_paye_reference": "123/AB12345"}}'::jsonb,
    'a refused call answers with the settings as they stay'
);

create temporary table matrix (actor text, expected text) on commit drop;
insert into matrix values ('ca_owner', 'ok'), ('service_role', 'ok'), ('ca_member', 'PB403'),
('ca_outsider', 'PB404'), ('anon', '42501');
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome(m.actor, null, format(
        'select public.hmrc_set_references(%L, %L)', tests.integration_id('ca_project', 'hmrc'),
        '{"utr": "2234567890"}'))) as q (o)),
    m.expected,
    format('set references as %s: %s', m.actor, m.expected)
)
from matrix as m;

select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null, format(
        'select public.hmrc_set_references(%L, %L)', tests.integration_id('ca_project', 'quickbooks'),
        '{"utr": "2234567890"}'))) as q (o)),
    'PB422', 'a QuickBooks integration has no HMRC references (PB422)'
);
select is(
    (select o ->> 'outcome' from (select tests.rpc_outcome('ca_owner', null, format(
        'select public.hmrc_set_references(%L, %L)', tests.integration_id('ca_project', 'hmrc'),
        '{"nino": "AA123456A"}'))) as q (o)),
    'PB422', 'an unknown key is refused (PB422)'
);
select is(
    (select pi.settings from public.project_integrations as pi where pi.id = tests.integration_id('ca_project', 'hmrc')),
    '{"vrn": "123456782", "employer_paye_reference": "123/AB12345"}'::jsonb,
    'every case above was undone: the fixture''s settings stand'
);

select * from finish();
rollback;
