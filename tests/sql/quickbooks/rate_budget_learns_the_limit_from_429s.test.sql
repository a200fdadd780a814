-- Proves: a 429 teaches a budget the provider's real limit:
-- private.rate_budget_throttled lowers the capacity in force to the slots taken in the last
-- window (answered or in flight) less the refused one (never below the floor), holds every slot for the pause, and
-- rate_budget_take then takes only that many a window; the learned capacity grows by a tenth
-- (at least one slot) per window without a 429, up to the defined one; a define (a worker
-- starting) keeps what was learned.
begin;
select plan(8);

-- how many of p_count requests get a slot now (each given back as answered, or kept)
create function pg_temp.requests(p_count integer, p_answered boolean) returns integer
language plpgsql as $$
declare
    v_slots integer [];
    v_taken integer := 0;
begin
    for i in 1..p_count loop
        select t.slots into v_slots
        from private.rate_budget_take('quickbooks:learn', 1, interval '1 minute') as t;
        if cardinality(v_slots) = 1 then
            v_taken := v_taken + 1;
            if p_answered then
                perform private.rate_budget_give_back('quickbooks:learn', v_slots);
            end if;
        end if;
    end loop;
    return v_taken;
end
$$;

select private.rate_budget_define('quickbooks:learn', 50, interval '1 minute');
-- 11 requests answered in this window, the 11th with a 429
select pg_temp.requests(11, true);

select is(
    private.rate_budget_throttled('quickbooks:learn', interval '30 seconds', 5),
    10,
    'the realm let 10 through: the capacity in force is 10'
);
select is(
    (select count(*)::int from private.rate_budget_slots
     where budget_key = 'quickbooks:learn' and free_at < clock_timestamp() + interval '29 seconds'),
    0,
    'every slot waits out the pause'
);
update private.rate_budget_slots set free_at = '-infinity' where budget_key = 'quickbooks:learn';
select is(
    pg_temp.requests(12, false),
    10,
    'after the pause, 10 requests a window are taken, not 50'
);
select is(
    private.rate_budget_throttled('quickbooks:learn', interval '1 second', 5),
    9,
    'requests in flight count as let through, less the refused one'
);
select private.rate_budget_define('quickbooks:learn', 50, interval '1 minute');
select is(
    (select private.rate_budget_capacity(b, clock_timestamp()) from private.rate_budgets as b
     where b.key = 'quickbooks:learn'),
    9,
    'a define (a worker starting) keeps what was learned'
);
select is(
    (select private.rate_budget_capacity(b, clock_timestamp() + interval '1 minute 1 second')
     from private.rate_budgets as b where b.key = 'quickbooks:learn'),
    10,
    'a window without a 429: one more slot (a tenth, at least one)'
);
select is(
    (select private.rate_budget_capacity(b, clock_timestamp() + interval '2 hours')
     from private.rate_budgets as b where b.key = 'quickbooks:learn'),
    50,
    'recovered to the defined capacity, never above it'
);

select private.rate_budget_define('quickbooks:quiet', 50, interval '1 minute');
select is(
    private.rate_budget_throttled('quickbooks:quiet', interval '1 minute', 5),
    5,
    'a 429 with nothing let through this window: the floor'
);

select * from finish();
rollback;
