-- probe: select has_database_privilege('postgres', current_database(), 'create')
--   and has_schema_privilege('anon', 'public', 'usage') and exists (
--   select from pg_catalog.pg_default_acl as d, pg_catalog.aclexplode(d.defaclacl) as a
--   where d.defaclrole = 'postgres'::regrole and d.defaclnamespace = 'public'::regnamespace
--   and d.defaclobjtype = 'r' and a.grantee = 'authenticated'::regrole
--   and a.privilege_type = 'SELECT')
-- What Supabase grants in every project database: `postgres` may create schemas and objects
-- in public, the API roles may use public, and every new table, function and sequence that
-- `postgres` creates in public is granted to the API roles (so functions are executable by
-- anon unless a migration revokes it — the migrations must behave accordingly).
-- The probe asks for those default privileges themselves: a superuser `postgres` (stock
-- PostgreSQL, RDS-like set-ups) may always create, so asking that alone skipped this file
-- there and left every table without the API roles' grants.

do $grants$
begin
    execute format('grant all on database %I to postgres', current_database());
end
$grants$;

grant all on schema public to postgres;
grant usage on schema public to anon, authenticated, service_role;

alter default privileges for role postgres in schema public
grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public
grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema public
grant all on sequences to anon, authenticated, service_role;
