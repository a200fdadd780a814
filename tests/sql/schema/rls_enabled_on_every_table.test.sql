-- Proves: row-level security is enabled on every table in public (tests.rls_enabled), and
-- the check would notice a table without it.
begin;
select plan(3);

select ok(tests.rls_enabled('public'), 'RLS is enabled on every table in public');
select is_empty(
    $$select c.relname from pg_class as c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relrowsecurity$$,
    'no table in public without RLS (lists any offender)'
);
create table public.rls_probe (id int);
select ok(not tests.rls_enabled('public'), 'a new table without RLS makes tests.rls_enabled false');

select * from finish();
rollback;
