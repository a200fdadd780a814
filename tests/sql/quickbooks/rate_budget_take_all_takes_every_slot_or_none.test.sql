-- Proves: private.rate_budget_take_all takes one slot of each budget named, in key order, or
-- none of them (a budget out of slots gives back the others and reports how long to wait);
-- give_back_all frees each slot one window later; a concurrency budget (window 0) frees at once.
-- The wait it reports is exact for a given-back slot and a short poll while every slot is in
-- flight.
begin;
select plan(8);

select private.rate_budget_define('quickbooks:t1', 2, interval '1 minute');
select private.rate_budget_define('quickbooks_concurrent:t1', 1, interval '0');

create temporary table taken on commit drop as
select * from private.rate_budget_take_all(array['quickbooks:t1', 'quickbooks_concurrent:t1'], interval '1 minute');
select is((select cardinality(slots) from taken), 2, 'one slot of each budget');

select is(
    (select row(t.slots, t.wait_seconds > 0)::text
     from private.rate_budget_take_all(array['quickbooks:t1', 'quickbooks_concurrent:t1'], interval '1 minute') as t),
    row('{}'::integer [], true)::text,
    'the concurrency budget is spent: nothing taken, a wait reported'
);
select is(
    (select count(*)::int from private.rate_budget_slots
     where budget_key = 'quickbooks:t1' and free_at > clock_timestamp()),
    1,
    'the window budget''s second slot was given back when the take failed'
);

select private.rate_budget_give_back_all(array['quickbooks:t1', 'quickbooks_concurrent:t1'], (select slots from taken));
select ok(
    (select free_at <= clock_timestamp() from private.rate_budget_slots where budget_key = 'quickbooks_concurrent:t1'),
    'a concurrency slot is free as soon as it is given back'
);
select ok(
    (select free_at > clock_timestamp() + interval '50 seconds' from private.rate_budget_slots
     where budget_key = 'quickbooks:t1' and slot = (select slots[1] from taken)),
    'a window slot is free one window after it is given back'
);
select is(
    (select cardinality(t.slots) from private.rate_budget_take_all(
        array['quickbooks:t1', 'quickbooks_concurrent:t1'], interval '1 minute') as t),
    2,
    'the other window slot and the concurrency slot can be taken again'
);

select private.rate_budget_define('quickbooks_batch:t2', 1, interval '1 minute');
select private.rate_budget_give_back_all(
    array['quickbooks_batch:t2'],
    (select slots from private.rate_budget_take_all(array['quickbooks_batch:t2'], interval '1 hour'))
);
select ok(
    (select wait_seconds between 59 and 60 from private.rate_budget_take_all(array['quickbooks_batch:t2'], interval '1 hour')),
    'a given-back slot: the wait is exactly until it frees, a window after its answer'
);
select private.rate_budget_define('quickbooks_batch:t3', 1, interval '1 minute');
select slots from private.rate_budget_take_all(array['quickbooks_batch:t3'], interval '1 hour');
select is(
    (select wait_seconds from private.rate_budget_take_all(array['quickbooks_batch:t3'], interval '1 hour', 0.02)),
    0.02::double precision,
    'every slot in flight (its lease is longer than the window): ask again shortly'
);

select * from finish();
rollback;
