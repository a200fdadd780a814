-- Fixtures and helpers for the client-action and RPC tests: one GB project whose
-- QuickBooks integration is connected, with a small cached chart of accounts, tax codes,
-- a class, mappings, relationships and transactions, all under stable ids (tests.id).
-- Applied by tests/run.py to the test database only; never a migration.

-- Builds the fixture (call once per test file, inside its transaction).
--   users: ca_owner (project:owner: every permission), ca_member (project:member: none),
--          ca_outsider (no membership)
--   project ca_project (GB) with QuickBooks Connected: GBP home currency, multicurrency
--   (EUR), tax tracked, books closed to 2026-01-31
--   accounts (internal code -> QuickBooks Id, type): 6000 -> 80 Expense, 1200 -> 35 Bank
--   (Checking), 1210 -> 36 Bank (CashOnHand), 1250 -> 41 Credit Card, 2100 -> 33 Accounts
--   Payable, 4000 -> 79 Income, 6100 -> 90 inactive Expense, 6200 -> 999 (not cached)
--   tax codes: T1 -> 3, T9 -> 4 (inactive), T5 -> 77 (not cached); class CL1 -> c1
--   relationships: rel_vendor (Acme Supplies Ltd, mapped vendor 56, unchanged since),
--   rel_new (Bolt Ltd, business vendor, not mapped), rel_customer (Jane Doe, individual
--   customer)
--   transactions: tx_expense (approved Expense paid by Credit Card from 1250, 2 lines),
--   tx_bill (approved inbound Invoice from rel_vendor, 1 line), tx_invoice (approved
--   outbound Invoice to rel_customer, 1 line) -- all valid as they stand
create or replace function tests.client_action_fixture()
returns void
language plpgsql
as $$
declare
    v_project uuid := tests.id('ca_project');
    v_qb uuid;
    v_provider uuid := (select p.id from public.integration_providers as p where p.key = 'quickbooks');
begin
    perform tests.create_user('ca_owner');
    perform tests.create_user('ca_member');
    perform tests.create_user('ca_outsider');
    insert into public.projects (id, name, country_code) values (v_project, 'Client actions', 'GB');
    perform tests.add_member(v_project, 'ca_owner', 'project:owner');
    perform tests.add_member(v_project, 'ca_member', 'project:member');

    update public.project_integrations
    set status = 'Connected',
        settings = '{"home_currency": "GBP", "multicurrency_enabled": true, "uses_tax": true,
                     "book_close_date": "2026-01-31"}'
    where project_id = v_project and provider_id = v_provider
    returning id into v_qb;

    insert into public.integration_reference_data
        (provider_id, project_integration_id, kind, external_id, code, name, is_active, data)
    values
    (v_provider, v_qb, 'currency', 'EUR', 'EUR', 'Euro', true, '{}'),
    (v_provider, v_qb, 'account', '80', '6000', 'Office Expenses', true,
        '{"AccountType": "Expense", "AccountSubType": "OfficeGeneralAdministrativeExpenses"}'),
    (v_provider, v_qb, 'account', '35', '1200', 'Business Current', true,
        '{"AccountType": "Bank", "AccountSubType": "Checking"}'),
    (v_provider, v_qb, 'account', '36', '1210', 'Petty Cash', true,
        '{"AccountType": "Bank", "AccountSubType": "CashOnHand"}'),
    (v_provider, v_qb, 'account', '41', '1250', 'Company Visa', true,
        '{"AccountType": "Credit Card", "AccountSubType": "CreditCard"}'),
    (v_provider, v_qb, 'account', '33', '2100', 'Accounts Payable', true,
        '{"AccountType": "Accounts Payable", "AccountSubType": "AccountsPayable"}'),
    (v_provider, v_qb, 'account', '79', '4000', 'Sales', true,
        '{"AccountType": "Income", "AccountSubType": "SalesOfProductIncome"}'),
    (v_provider, v_qb, 'account', '90', '6100', 'Old Expenses', false,
        '{"AccountType": "Expense", "AccountSubType": "OtherMiscellaneousServiceCost"}'),
    (v_provider, v_qb, 'tax_code', '3', null, '20.0% S', true, '{}'),
    (v_provider, v_qb, 'tax_code', '4', null, 'Old rate', false, '{}'),
    (v_provider, v_qb, 'class', 'c1', null, 'Projects', true, '{}');

    insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
    values
    (v_qb, 'account', '6000', '80'), (v_qb, 'account', '1200', '35'), (v_qb, 'account', '1210', '36'),
    (v_qb, 'account', '1250', '41'), (v_qb, 'account', '2100', '33'), (v_qb, 'account', '4000', '79'),
    (v_qb, 'account', '6100', '90'), (v_qb, 'account', '6200', '999'),
    (v_qb, 'tax_code', 'T1', '3'), (v_qb, 'tax_code', 'T9', '4'), (v_qb, 'tax_code', 'T5', '77'),
    (v_qb, 'class', 'CL1', 'c1');

    insert into public.project_relationships (
        id, project_id, entity_type, role_can_be_vendor, role_can_be_customer, display_name, email, phone,
        currency_code
    ) values
    (tests.id('rel_vendor'), v_project, 'Business', true, false, 'Acme Supplies Ltd', 'ap@acme.example',
        '+44 20 7946 0000', 'GBP'),
    (tests.id('rel_new'), v_project, 'Business', true, false, 'Bolt Ltd', null, null, null),
    (tests.id('rel_customer'), v_project, 'Individual', false, true, 'Jane Doe', 'jane@example.com', null, null);
    insert into public.integration_entity_mappings
        (project_integration_id, entity_type, internal_id, external_id, last_synced_at)
    values (v_qb, 'vendor', tests.id('rel_vendor')::text, '56', now() + interval '1 hour');

    insert into public.transactions (
        id, project_id, relationship_id, transaction_type, transaction_direction, status, reference,
        transaction_date, currency_code, subtotal_amount, tax_amount, total_amount, payment_method,
        payment_account_code
    ) values
    (tests.id('tx_expense'), v_project, null, 'Expense', 'inbound', 'Approved', 'EXP-1', '2026-03-02', 'GBP',
        150.00, 30.00, 180.00, 'Credit Card', '1250'),
    (tests.id('tx_bill'), v_project, tests.id('rel_vendor'), 'Invoice', 'inbound', 'Approved', 'INV-77',
        '2026-03-05', 'GBP', 100.00, 20.00, 120.00, null, null),
    (tests.id('tx_invoice'), v_project, tests.id('rel_customer'), 'Invoice', 'outbound', 'Approved', 'S-1',
        '2026-03-06', 'GBP', 200.00, 40.00, 240.00, null, null);
    insert into public.transaction_lines (
        id, transaction_id, line_number, description, quantity, unit_amount, amount, tax_amount, account_code,
        tax_code, class_code
    ) values
    (tests.id('tx_expense_1'), tests.id('tx_expense'), 1, 'Paper', 10, 10, 100.00, 20.00, '6000', 'T1', 'CL1'),
    (tests.id('tx_expense_2'), tests.id('tx_expense'), 2, 'Toner', null, null, 50.00, 10.00, '6000', 'T1', null),
    (tests.id('tx_bill_1'), tests.id('tx_bill'), 1, 'Widgets', null, null, 100.00, 20.00, '6000', 'T1', null),
    (tests.id('tx_invoice_1'), tests.id('tx_invoice'), 1, 'Consulting', null, null, 200.00, 40.00, '4000', 'T1', null);
end
$$;

-- Runs p_setup (as the test's own role), then the client action as p_actor, and undoes
-- both; returns the action's result, or {"sqlstate", "message"} when it raised.
create or replace function tests.client_action_after(
    p_actor text, p_setup text, p_provider text, p_action text, p_params jsonb
)
returns jsonb
language plpgsql
as $$
declare
    v_result jsonb;
begin
    begin
        if p_setup is not null then
            execute p_setup;
        end if;
        perform tests.act_as(p_actor);
        v_result := public.integration_client_action(p_provider, p_action, p_params);
        raise exception using errcode = 'PBT01', message = 'undo';
    exception
        when sqlstate 'PBT01' then
            null;
        when others then
            v_result := jsonb_build_object('sqlstate', sqlstate, 'message', sqlerrm);
    end;
    return v_result;
end
$$;

-- Same for any statement returning one jsonb (an RPC call): its value, or {"sqlstate", "message"}.
create or replace function tests.jsonb_after(p_actor text, p_setup text, p_sql text)
returns jsonb
language plpgsql
as $$
declare
    v_result jsonb;
begin
    begin
        if p_setup is not null then
            execute p_setup;
        end if;
        perform tests.act_as(p_actor);
        execute p_sql into v_result;
        raise exception using errcode = 'PBT01', message = 'undo';
    exception
        when sqlstate 'PBT01' then
            null;
        when others then
            v_result := jsonb_build_object('sqlstate', sqlstate, 'message', sqlerrm);
    end;
    return v_result;
end
$$;

-- The project integration of a fixture project (by tests.id name) and provider key.
create or replace function tests.integration_id(p_project text, p_provider text)
returns uuid
language sql stable
security definer
set search_path = ''
as $$
    select pi.id
    from public.project_integrations as pi
    join public.integration_providers as p on p.id = pi.provider_id
    where pi.project_id = tests.id(p_project) and p.key = p_provider
$$;

-- An RPC call as p_actor after p_setup, undone afterwards: {"outcome": "ok" | <sqlstate>,
-- "result": <its jsonb>, "message": <error message>, "written": <rows p_watch counts that
-- the call added>} -- p_watch counts as the test's own role (default: every sync log).
create or replace function tests.rpc_outcome(
    p_actor text, p_setup text, p_sql text,
    p_watch text default 'select count(*) from public.integration_sync_logs'
)
returns jsonb
language plpgsql
as $$
declare
    v_before bigint;
    v_after bigint;
    v_result jsonb;
    v_outcome jsonb;
begin
    begin
        if p_setup is not null then
            execute p_setup;
        end if;
        execute p_watch into v_before;
        perform tests.act_as(p_actor);
        execute p_sql into v_result;
        perform tests.clear_authentication();
        execute p_watch into v_after;
        v_outcome := jsonb_build_object('outcome', 'ok', 'result', v_result, 'written', v_after - v_before);
        raise exception using errcode = 'PBT01', message = 'undo';
    exception
        when sqlstate 'PBT01' then
            null;
        when others then
            v_outcome := jsonb_build_object('outcome', sqlstate, 'message', sqlerrm, 'written', 0);
    end;
    return v_outcome;
end
$$;

-- The codes and fields of a result's errors as "code@field" strings, in order.
create or replace function tests.error_keys(p_result jsonb)
returns text[]
language sql immutable
as $$
    select coalesce(array_agg((e ->> 'code') || '@' || coalesce(e ->> 'field', '') order by n), '{}')
    from jsonb_array_elements(coalesce(p_result -> 'errors', '[]')) with ordinality as x (e, n)
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
