-- Proves: every function in client_actions has the agreed signature (jsonb) -> jsonb, is
-- stable or immutable (PostgreSQL refuses writes from it), is not security definer (the
-- caller's RLS applies), pins search_path, is executable by authenticated and
-- service_role but not anon; and the schema holds exactly the catalogue's client actions.
begin;
select plan(6);

select is_empty($$
    select p.oid::regprocedure::text from pg_proc as p
    where p.pronamespace = 'client_actions'::regnamespace
        and (pg_get_function_identity_arguments(p.oid) <> 'p_params jsonb' or p.prorettype <> 'jsonb'::regtype)
$$, 'every client action takes (p_params jsonb) and returns jsonb');
select is_empty($$
    select p.oid::regprocedure::text from pg_proc as p
    where p.pronamespace = 'client_actions'::regnamespace and p.provolatile = 'v'
$$, 'no client action is volatile: none can write');
select is_empty($$
    select p.oid::regprocedure::text from pg_proc as p
    where p.pronamespace = 'client_actions'::regnamespace
        and (p.prosecdef or not coalesce('search_path=""' = any (p.proconfig), false))
$$, 'no client action is security definer, and each pins search_path');
select is_empty($$
    select p.oid::regprocedure::text from pg_proc as p
    where p.pronamespace = 'client_actions'::regnamespace
        and (has_function_privilege('anon', p.oid, 'execute')
            or not has_function_privilege('authenticated', p.oid, 'execute')
            or not has_function_privilege('service_role', p.oid, 'execute'))
$$, 'authenticated and service_role may run every client action, anon none');
select set_eq(
    $$select p.proname::text from pg_proc as p where p.pronamespace = 'client_actions'::regnamespace$$,
    $$select pr.key || '__' || a from public.integration_providers as pr, unnest(pr.client_actions) as a$$,
    'client_actions holds exactly the catalogue''s client actions'
);
select ok(not has_schema_privilege('anon', 'client_actions', 'usage'), 'anon has no usage on client_actions');

select * from finish();
rollback;
