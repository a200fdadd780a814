-- Proves: no security-definer function in public or private can be executed by anon
-- (Supabase's default privileges would grant it; splinter lints 0028/0029), and the
-- private schema itself is not usable by anon. Authenticated keeps what RLS needs.
begin;
select plan(5);

select is_empty(
    $$
    select p.oid::regprocedure::text
    from pg_proc as p
    where p.pronamespace in ('public'::regnamespace, 'private'::regnamespace)
        and p.prosecdef
        and has_function_privilege('anon', p.oid, 'execute')
    $$,
    'anon can execute no security-definer function in public or private'
);
select cmp_ok(
    (select count(*)::int from pg_proc as p where p.pronamespace = 'private'::regnamespace and p.prosecdef),
    '>=', 5,
    'the check covers the security-definer helpers (has_permission, member_project_ids, ...)'
);
select ok(not has_schema_privilege('anon', 'private', 'usage'), 'anon has no usage on schema private');
select ok(
    has_function_privilege('authenticated', 'private.has_permission(uuid, text)', 'execute'),
    'authenticated may call private.has_permission (policies and RPCs use it)'
);
select function_lang_is('private', 'has_permission', array['uuid', 'text'], 'plpgsql', 'private.has_permission is plpgsql (its plan is kept, unlike a security-definer SQL function)');

select * from finish();
rollback;
