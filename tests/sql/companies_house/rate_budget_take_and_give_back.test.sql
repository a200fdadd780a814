-- Proves: the shared rate budgets. The Companies House key's budget is
-- 600 slots per 5 minutes; a take returns the oldest free slots or none and how long to
-- wait; a cost beyond the capacity is PB422 and an unknown budget PB404; a taken slot is
-- held for its lease plus the window, a given-back one is free one window after the
-- answer (at once with window 0); redefining keeps slots and drops those beyond the new
-- capacity; only service_role may use the functions or read the tables.
begin;
select plan(15);

select is(
    (select row(b.capacity, b.window_length, (select count(*)::int from private.rate_budget_slots as s
        where s.budget_key = b.key))::text
     from private.rate_budgets as b where b.key = 'companies_house'),
    row(600, interval '5 minutes', 600)::text,
    'the Companies House key: 600 slots per 5 minutes'
);

select private.rate_budget_define('companies_house:t1', 2, interval '1 minute');
create temporary table first_take on commit drop as
select * from private.rate_budget_take('companies_house:t1', 1, interval '30 seconds');
select is((select row(slots, wait_seconds)::text from first_take), row('{0}'::integer [], 0::double precision)::text,
    'a free budget: the lowest slot, no wait');
select ok(
    (select free_at between clock_timestamp() + interval '89 seconds' and clock_timestamp() + interval '91 seconds'
     from private.rate_budget_slots where budget_key = 'companies_house:t1' and slot = 0),
    'a taken slot is held for its lease plus the window'
);
select is((select slots from private.rate_budget_take('companies_house:t1', 2, interval '30 seconds')),
    '{}'::integer [], 'two wanted, one free: nothing taken');
select ok(
    (select wait_seconds between 89 and 91 from private.rate_budget_take('companies_house:t1', 2, interval '30 seconds')),
    'the wait is until the first held slot frees'
);
select is((select slots from private.rate_budget_take('companies_house:t1', 1, interval '30 seconds')),
    '{1}'::integer [], 'one wanted, one free: that one');

select private.rate_budget_give_back('companies_house:t1', '{0}');
select ok(
    (select free_at between clock_timestamp() + interval '59 seconds' and clock_timestamp() + interval '61 seconds'
     from private.rate_budget_slots where budget_key = 'companies_house:t1' and slot = 0),
    'a given-back slot is free one window after the answer'
);

select private.rate_budget_define('companies_house:t2', 1, interval '0');
select private.rate_budget_give_back('companies_house:t2',
    (select slots from private.rate_budget_take('companies_house:t2', 1, interval '1 minute')));
select is((select slots from private.rate_budget_take('companies_house:t2', 1, interval '1 minute')), '{0}'::integer [],
    'window 0 (a concurrency limit): a given-back slot is free at once');

select is(tests.error_of($$select private.rate_budget_take('companies_house:t1', 3, interval '1 second')$$),
    'PB422: a request costs 1 to 2 of budget "companies_house:t1", not 3', 'a cost beyond the capacity: PB422');
select is(tests.error_of($$select private.rate_budget_take('companies_house:nope', 1, interval '1 second')$$),
    'PB404: no rate budget "companies_house:nope"', 'an unknown budget: PB404');

select private.rate_budget_define('companies_house:t1', 1, interval '2 minutes');
select is(
    (select row(array_agg(s.slot order by s.slot), max(b.window_length))::text
     from private.rate_budget_slots as s join private.rate_budgets as b on b.key = s.budget_key
     where s.budget_key = 'companies_house:t1'),
    row('{0}'::integer [], interval '2 minutes')::text,
    'redefined smaller: the slots beyond the capacity are gone, the window is new'
);
select ok(
    (select free_at > clock_timestamp() + interval '50 seconds' from private.rate_budget_slots
     where budget_key = 'companies_house:t1' and slot = 0),
    'a slot kept by a redefinition keeps its state'
);

select is(tests.outcome('service_role', 'select count(*) from private.rate_budgets where key = ''companies_house'''),
    'rows 1', 'service_role reads the budgets');
select is(tests.outcome('anon', 'select count(*) from private.rate_budgets'), 'permission denied',
    'anon cannot read the budgets');
select tests.create_user('budget_user');
select is(tests.outcome('budget_user',
        $$select count(*) from private.rate_budget_take('companies_house', 1, interval '1 second')$$),
    'permission denied', 'a signed-in user cannot take from the budget');

select * from finish();
rollback;
