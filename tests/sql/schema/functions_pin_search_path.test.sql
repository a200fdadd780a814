-- Proves: every function of ours in public and private (extension members such as pgTAP
-- excluded) is created with `set search_path = ''` (pg_proc.proconfig), so no caller can
-- shadow the objects it uses (Supabase splinter lint 0011).
begin;
select plan(2);

select is_empty(
    $$
    select p.oid::regprocedure::text
    from pg_proc as p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and not exists (select from pg_depend as d where d.objid = p.oid and d.deptype = 'e')
        and not coalesce('search_path=""' = any (p.proconfig), false)
    $$,
    'every function in public and private sets search_path to the empty string'
);

-- the check is not vacuous: it sees the private helpers
select cmp_ok(
    (select count(*)::int from pg_proc as p where p.pronamespace = 'private'::regnamespace),
    '>=', 10,
    'the private schema holds the helpers and trigger functions the check covers'
);

select * from finish();
rollback;
