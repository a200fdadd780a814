-- Proves: defining a rate budget again as it already is writes nothing (every worker
-- defines a realm's budgets on first use; rewriting QuickBooks' 500 slots cost 5 ms a
-- call), while a new capacity or window still resizes it and a taken slot keeps its state.
-- Counted with this transaction's table statistics.
begin;
select plan(4);

create function pg_temp.rows_written() returns bigint language sql as $$
    select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint
    from pg_catalog.pg_stat_xact_user_tables
    where relid in ('private.rate_budgets'::regclass, 'private.rate_budget_slots'::regclass)
$$;

select private.rate_budget_define('quickbooks:rb1', 500, interval '1 minute');
select private.rate_budget_take('quickbooks:rb1', 1, interval '30 seconds');
create temporary table before_again on commit drop as select pg_temp.rows_written() as n;

select private.rate_budget_define('quickbooks:rb1', 500, interval '1 minute');
select is(pg_temp.rows_written() - (select n from before_again), 0::bigint,
    'the same definition again: no row inserted, updated or deleted');
select ok(
    (select free_at > clock_timestamp() from private.rate_budget_slots where budget_key = 'quickbooks:rb1' and slot = 0),
    'the taken slot is still held'
);

select private.rate_budget_define('quickbooks:rb1', 400, interval '1 minute');
select is(
    (select row(b.capacity, (select count(*)::int from private.rate_budget_slots as s where s.budget_key = b.key))::text
     from private.rate_budgets as b where b.key = 'quickbooks:rb1'),
    row(400, 400)::text,
    'a new capacity resizes it'
);
select private.rate_budget_define('quickbooks:rb1', 400, interval '2 minutes');
select is((select window_length from private.rate_budgets where key = 'quickbooks:rb1'), interval '2 minutes',
    'a new window is written');

select * from finish();
rollback;
