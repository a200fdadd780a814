-- Proves: a budget shared by every tenant gives one project at most its share of the
-- window (private.rate_budgets.project_share; Companies House: a quarter), so a busy
-- project cannot take the slots a quiet one needs; other projects still take slots up
-- to the global capacity, which holds exactly as before; a slot given back counts for
-- its project until it is free again; a take without a project (global work) draws on the
-- global limit only; a cost beyond the share is PB422.
begin;
select plan(11);

select is((select project_share from private.rate_budgets where key = 'companies_house'), 0.25::numeric,
    'the Companies House key: one project may take a quarter of the window');

select private.rate_budget_define('companies_house:share', 8, interval '1 minute');
update private.rate_budgets set project_share = 0.25 where key = 'companies_house:share';

create or replace function pg_temp.take(p_project text, p_cost integer default 1)
returns integer [] language sql as $$
    select t.slots from private.rate_budget_take('companies_house:share', p_cost, interval '30 seconds',
        case when p_project is not null then tests.id(p_project) end) as t
$$;

select is(pg_temp.take('busy') || pg_temp.take('busy'), '{0,1}'::integer [],
    'the busy project takes its share: 2 of 8');
select is(pg_temp.take('busy'), '{}'::integer [], 'a third slot in the window is refused to it');
select ok(
    (select t.wait_seconds between 60 and 91
     from private.rate_budget_take('companies_house:share', 1, interval '30 seconds', tests.id('busy')) as t),
    'and it is told to wait until its own first slot frees'
);
select is(pg_temp.take('quiet'), '{2}'::integer [], 'a quiet project still takes a slot at once');

select private.rate_budget_give_back('companies_house:share', array[0, 1]);
select is(pg_temp.take('busy'), '{}'::integer [], 'slots given back count for the busy project until free again');

select is(pg_temp.take('p3', 2) || pg_temp.take('p4', 2) || pg_temp.take(null), '{3,4,5,6,7}'::integer [],
    'other projects and global work take the rest');
select is(pg_temp.take('p5') || pg_temp.take(null), '{}'::integer [],
    'the global capacity holds: 8 slots in the window, none more for anyone');

update private.rate_budget_slots set free_at = '-infinity' where budget_key = 'companies_house:share' and slot in (0, 1);
select is(pg_temp.take('busy', 2), '{0,1}'::integer [], 'once its slots are free the busy project takes its share again');

select is(tests.error_of($$select pg_temp.take('quiet', 3)$$),
    'PB422: a request costs 1 to 2 of budget "companies_house:share" for one project, not 3',
    'a cost beyond one project''s share: PB422');

update private.rate_budgets set project_share = null where key = 'companies_house:share';
update private.rate_budget_slots set free_at = '-infinity' where budget_key = 'companies_house:share';
select is(cardinality(pg_temp.take('busy', 8)), 8, 'no share: one project may take the whole budget');

select * from finish();
rollback;
