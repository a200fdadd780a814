-- Proves: the original design's two views (and the effective-features view) exist in
-- public with security_invoker = true, so whoever reads them gets their own RLS, and anon
-- may not select from them at all.
begin;
select plan(10);

select has_view('public', 'v_project_integrations', 'view v_project_integrations exists');
select has_view('public', 'v_integration_sync_logs', 'view v_integration_sync_logs exists');
select has_view('public', 'v_project_integration_features', 'view v_project_integration_features exists');

select ok(
    (select coalesce('security_invoker=true' = any (reloptions), false) from pg_class where oid = 'public.v_project_integrations'::regclass),
    'v_project_integrations has security_invoker = true'
);
select ok(
    (select coalesce('security_invoker=true' = any (reloptions), false) from pg_class where oid = 'public.v_integration_sync_logs'::regclass),
    'v_integration_sync_logs has security_invoker = true'
);
select ok(
    (select coalesce('security_invoker=true' = any (reloptions), false) from pg_class where oid = 'public.v_project_integration_features'::regclass),
    'v_project_integration_features has security_invoker = true'
);
-- and no view in public (other than pgTAP's own) runs as its owner
select is_empty(
    $$
    select c.relname from pg_class as c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'v'
        and not exists (select from pg_depend as d where d.objid = c.oid and d.deptype = 'e')
        and not coalesce('security_invoker=true' = any (c.reloptions), false)
    $$,
    'every view in public is security_invoker'
);

select ok(not has_table_privilege('anon', 'public.v_project_integrations', 'select'), 'anon cannot select v_project_integrations');
select ok(not has_table_privilege('anon', 'public.v_integration_sync_logs', 'select'), 'anon cannot select v_integration_sync_logs');
select ok(not has_table_privilege('anon', 'public.v_project_integration_features', 'select'), 'anon cannot select v_project_integration_features');

select * from finish();
rollback;
