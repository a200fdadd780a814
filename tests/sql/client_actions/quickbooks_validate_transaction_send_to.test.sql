-- Proves: quickbooks.validate_transaction_send_to accepts the fixture's expense, bill and
-- invoice, and refuses each broken variant with exactly the expected errors (code@field),
-- for members without any integration permission too (it only reads); an outsider sees
-- no transaction; messages name the line ("Line 2 has no account mapping ...").
begin;
select plan(51);
select tests.client_action_fixture();

create temporary table cases (n integer, description text, actor text, setup text, params jsonb, expected text[])
on commit drop;
grant select on cases to authenticated;

insert into cases (n, description, setup, params, expected) values
(1, 'expense as it stands is valid', null, '{"t": "tx_expense"}', '{}'),
(2, 'bill as it stands is valid', null, '{"t": "tx_bill"}', '{}'),
(3, 'invoice as it stands is valid (its customer is mappable)', null, '{"t": "tx_invoice"}', '{}'),
(4, 'a draft is refused',
    $$update public.transactions set status = 'Draft' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{status_not_approved@status}'),
(5, 'an outbound expense has no feature',
    $$update public.transactions set transaction_direction = 'outbound' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{no_feature_covers@transaction_type}'),
(6, 'expenses switched off',
    $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
      select pi.id, f.id, false from public.project_integrations pi join public.integration_features f
      on f.provider_id = pi.provider_id and f.key = 'expenses' where pi.project_id = tests.id('ca_project')
      on conflict (project_integration_id, feature_id) do update set is_enabled = false$$,
    '{"t": "tx_expense"}', '{feature_disabled@feature}'),
(7, 'asked for the wrong feature', null, '{"t": "tx_expense", "feature": "bills"}', '{not_covered_by_feature@feature}'),
(8, 'a line without an amount (and the subtotal no longer adds up)',
    $$update public.transaction_lines set amount = null where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_amount_missing@lines[2].amount,subtotal_mismatch@subtotal_amount}'),
(9, 'quantity x unit price is not the line amount',
    $$update public.transaction_lines set unit_amount = 9 where id = tests.id('tx_expense_1')$$,
    '{"t": "tx_expense"}', '{line_amount_mismatch@lines[1].amount}'),
(10, 'a line without an account',
    $$update public.transaction_lines set account_code = null where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_account_missing@lines[2].account_code}'),
(11, 'a line account with no mapping',
    $$update public.transaction_lines set account_code = '7777' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_account_unmapped@lines[2].account_code}'),
(12, 'a line account mapped to an account not in the cached chart',
    $$update public.transaction_lines set account_code = '6200' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_account_not_found@lines[2].account_code}'),
(13, 'a line account mapped to an inactive account',
    $$update public.transaction_lines set account_code = '6100' where id = tests.id('tx_expense_1')$$,
    '{"t": "tx_expense"}', '{line_account_inactive@lines[1].account_code}'),
(14, 'a bill line posting to Accounts Payable',
    $$update public.transaction_lines set account_code = '2100' where id = tests.id('tx_bill_1')$$,
    '{"t": "tx_bill"}', '{line_account_wrong_type@lines[1].account_code}'),
(15, 'an invoice line posting to an expense account',
    $$update public.transaction_lines set account_code = '6000' where id = tests.id('tx_invoice_1')$$,
    '{"t": "tx_invoice"}', '{line_account_wrong_type@lines[1].account_code}'),
(16, 'a line without a tax code where the company tracks tax',
    $$update public.transaction_lines set tax_code = null where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_tax_code_missing@lines[2].tax_code}'),
(17, 'a tax code with no mapping',
    $$update public.transaction_lines set tax_code = 'TX' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_tax_code_unmapped@lines[2].tax_code}'),
(18, 'a tax code mapped to one not cached',
    $$update public.transaction_lines set tax_code = 'T5' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_tax_code_not_found@lines[2].tax_code}'),
(19, 'a tax code mapped to an inactive one',
    $$update public.transaction_lines set tax_code = 'T9' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_tax_code_inactive@lines[2].tax_code}'),
(20, 'tax on lines of a company that does not track tax',
    $$update public.project_integrations set settings = settings || '{"uses_tax": false}'
      where project_id = tests.id('ca_project')$$,
    '{"t": "tx_expense"}', '{line_tax_not_tracked@lines[1].tax_amount,line_tax_not_tracked@lines[2].tax_amount}'),
(21, 'a class with no mapping',
    $$update public.transaction_lines set class_code = 'CLX' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}', '{line_class_unmapped@lines[2].class_code}'),
(22, 'no lines at all',
    $$delete from public.transaction_lines where transaction_id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{no_lines@lines}'),
(23, 'subtotal not the sum of the lines (so the total is off too)',
    $$update public.transactions set subtotal_amount = 140 where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{subtotal_mismatch@subtotal_amount,total_mismatch@total_amount}'),
(24, 'tax not the sum of the lines'' tax',
    $$update public.transactions set tax_amount = 25, total_amount = 175 where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{tax_total_mismatch@tax_amount}'),
(25, 'total not subtotal plus tax',
    $$update public.transactions set total_amount = 181 where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{total_mismatch@total_amount}'),
(26, 'no total',
    $$update public.transactions set total_amount = null where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{total_missing@total_amount}'),
(27, 'a negative total',
    $$update public.transactions set total_amount = -1 where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{negative_total@total_amount}'),
(28, 'an expense without a payment method',
    $$update public.transactions set payment_method = null where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_method_missing@payment_method}'),
(29, 'an expense without a payment account',
    $$update public.transactions set payment_account_code = null where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_account_missing@payment_account_code}'),
(30, 'a payment account with no mapping',
    $$update public.transactions set payment_account_code = '9999' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_account_unmapped@payment_account_code}'),
(31, 'a payment account not in the cached chart',
    $$update public.transactions set payment_account_code = '6200' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_account_not_found@payment_account_code}'),
(32, 'an inactive payment account',
    $$update public.transactions set payment_account_code = '6100' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_account_inactive@payment_account_code}'),
(33, 'a credit card payment from a bank account',
    $$update public.transactions set payment_account_code = '1200' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_account_wrong_type@payment_account_code}'),
(34, 'a cash payment from a credit card account',
    $$update public.transactions set payment_method = 'Cash' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{payment_account_wrong_type@payment_account_code}'),
(35, 'a bill without a supplier',
    $$update public.transactions set relationship_id = null where id = tests.id('tx_bill')$$,
    '{"t": "tx_bill"}', '{relationship_required@relationship_id}'),
(36, 'a bill whose unmapped supplier cannot be sent',
    $$update public.project_relationships set display_name = 'Bolt: Ltd' where id = tests.id('rel_new');
      update public.transactions set relationship_id = tests.id('rel_new') where id = tests.id('tx_bill')$$,
    '{"t": "tx_bill"}', '{relationship_not_mappable@relationship_id}'),
(37, 'dated inside the closed books',
    $$update public.transactions set transaction_date = '2026-01-15' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{date_in_closed_period@transaction_date}'),
(38, 'a currency the company does not take',
    $$update public.transactions set currency_code = 'USD' where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{currency_not_supported@currency_code}'),
(39, 'a bill in another currency than its supplier',
    $$update public.transactions set currency_code = 'EUR' where id = tests.id('tx_bill')$$,
    '{"t": "tx_bill"}', '{currency_mismatch@currency_code}'),
(40, 'company currencies not fetched yet',
    $$update public.project_integrations set settings = settings - 'home_currency'
      where project_id = tests.id('ca_project')$$,
    '{"t": "tx_expense"}', '{company_currencies_unknown@currency_code}'),
(41, 'a reference longer than DocNumber allows',
    $$update public.transactions set reference = repeat('R', 22) where id = tests.id('tx_expense')$$,
    '{"t": "tx_expense"}', '{too_long@reference}'),
(42, 'a line description longer than 4000',
    $$update public.transaction_lines set description = repeat('d', 4001) where id = tests.id('tx_expense_1')$$,
    '{"t": "tx_expense"}', '{too_long@lines[1].description}'),
(43, 'QuickBooks not connected',
    $$update public.project_integrations set status = 'Expired' where project_id = tests.id('ca_project')$$,
    '{"t": "tx_expense"}', '{integration_not_connected@project_id}'),
(44, 'QuickBooks switched off',
    $$update public.project_integrations set is_enabled = false where project_id = tests.id('ca_project')$$,
    '{"t": "tx_expense"}', '{integration_disabled@project_id}'),
(45, 'several problems at once, in a stable order',
    $$update public.transactions set status = 'Submitted', total_amount = 1 where id = tests.id('tx_expense');
      update public.transaction_lines set account_code = '7777' where id = tests.id('tx_expense_2')$$,
    '{"t": "tx_expense"}',
    '{status_not_approved@status,line_account_unmapped@lines[2].account_code,total_mismatch@total_amount}');
update cases set actor = 'ca_owner';

select is(
    tests.error_keys(tests.client_action_after(
        c.actor, c.setup, 'quickbooks', 'validate_transaction_send_to',
        jsonb_build_object('transaction_id', tests.id(c.params ->> 't')) || (c.params - 't')
    )),
    c.expected,
    format('%s: %s', c.n, c.description)
)
from cases as c
order by c.n;

select is(
    tests.client_action_after('ca_owner', $$update public.transaction_lines set account_code = '7777' where id = tests.id('tx_expense_2')$$,
        'quickbooks', 'validate_transaction_send_to', jsonb_build_object('transaction_id', tests.id('tx_expense'))) -> 'errors' -> 0,
    '{"code": "line_account_unmapped", "field": "lines[2].account_code", "line": 2,
      "message": "Line 2 has no account mapping (account 7777 is not mapped to a QuickBooks account)"}'::jsonb,
    'the error names the line, the field and what to fix'
);
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_transaction_send_to',
        jsonb_build_object('transaction_id', tests.id('tx_expense'))) -> 'data',
    jsonb_build_object('transaction_id', tests.id('tx_expense'), 'feature', 'expenses', 'quickbooks_entity', 'Purchase',
        'line_count', 2, 'total_amount', 180.00),
    'data: the covering feature, the QuickBooks entity, lines and total'
);
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_transaction_send_to',
        jsonb_build_object('transaction_id', tests.id('tx_bill'))) #>> '{data,quickbooks_entity}',
    'Bill', 'an inbound invoice becomes a Bill'
);
select is(
    tests.error_keys(tests.client_action_after('ca_member', null, 'quickbooks', 'validate_transaction_send_to',
        jsonb_build_object('transaction_id', tests.id('tx_expense')))),
    '{}'::text[], 'a member without integration permissions may validate (it only reads)'
);
select is(
    tests.error_keys(tests.client_action_after('ca_outsider', null, 'quickbooks', 'validate_transaction_send_to',
        jsonb_build_object('transaction_id', tests.id('tx_expense')))),
    '{not_found@transaction_id}'::text[], 'an outsider sees no such transaction (RLS applies)'
);
select is(
    tests.client_action_after('ca_owner', null, 'quickbooks', 'validate_transaction_send_to',
        '{"transaction_id": "not-a-uuid"}') ->> 'sqlstate',
    'PB422', 'a transaction id that is not a uuid is a params error (PB422)'
);

select * from finish();
rollback;
