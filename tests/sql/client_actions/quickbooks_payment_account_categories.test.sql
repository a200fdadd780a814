-- Proves: quickbooks.payment_account_categories gives, per payment method, the QuickBooks
-- PaymentType and the account types and subtypes a payment may come from, and the
-- project's cached active accounts of those types (preferred subtypes first); an unknown
-- method is an error entry; without a project, no accounts.
begin;
select plan(10);
select tests.client_action_fixture();

create temporary table cases (method text, payment_type text, account_types jsonb, accounts text[]) on commit drop;
insert into cases values
('Cash', 'Cash', '["Bank"]', '{36,35}'),
('Check', 'Check', '["Bank"]', '{35,36}'),
('Bank Transfer', 'Cash', '["Bank"]', '{35,36}'),
('Debit Card', 'Cash', '["Bank"]', '{35,36}'),
('Credit Card', 'CreditCard', '["Credit Card"]', '{41}');

select is(
    (select jsonb_build_object('payment_type', r #>> '{data,payment_type}', 'account_types', r #> '{data,account_types}',
        'accounts', (select array_agg(a ->> 'external_id' order by n) from jsonb_array_elements(r #> '{data,accounts}')
            with ordinality as x (a, n)))
     from (select tests.client_action_after('ca_member', null, 'quickbooks', 'payment_account_categories',
        jsonb_build_object('payment_method', c.method, 'project_id', tests.id('ca_project')))) as q (r)),
    jsonb_build_object('payment_type', c.payment_type, 'account_types', c.account_types, 'accounts', c.accounts),
    format('%s: PaymentType %s from %s accounts, preferred subtypes first', c.method, c.payment_type, c.account_types)
)
from cases as c;

select is(
    tests.client_action_after('ca_member', null, 'quickbooks', 'payment_account_categories',
        '{"payment_method": "Credit Card"}') #> '{data,account_sub_types}',
    '["CreditCard"]'::jsonb, 'credit card accounts have the CreditCard subtype');
select ok(
    tests.client_action_after('ca_member', null, 'quickbooks', 'payment_account_categories',
        '{"payment_method": "Cash"}') #> '{data,account_sub_types}' @> '["CashOnHand", "Checking", "Savings"]',
    'bank subtypes are listed');
select is(
    tests.client_action_after('ca_member', null, 'quickbooks', 'payment_account_categories',
        '{"payment_method": "Cash"}') #> '{data,accounts}',
    '[]'::jsonb, 'without a project: no accounts');
select is(
    tests.error_keys(tests.client_action_after('ca_member', null, 'quickbooks', 'payment_account_categories',
        '{"payment_method": "Barter"}')),
    '{unknown_payment_method@payment_method}'::text[], 'an unknown payment method is an error entry');
select is(
    tests.client_action_after('ca_outsider', null, 'quickbooks', 'payment_account_categories',
        jsonb_build_object('payment_method', 'Cash', 'project_id', tests.id('ca_project'))) #> '{data,accounts}',
    '[]'::jsonb, 'an outsider sees none of the project''s accounts');

select * from finish();
rollback;
