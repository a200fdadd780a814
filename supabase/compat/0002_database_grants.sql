-- probe: select has_database_privilege('postgres', current_database(), 'create') and
--   has_schema_privilege('postgres', 'public', 'create') and has_schema_privilege('anon', 'public',
--   'usage')
-- What Supabase grants in every project database: `postgres` may create schemas and objects
-- in public, the API roles may use public, and every new table, function and sequence that
-- `postgres` creates in public is granted to the API roles (so functions are executable by
-- anon unless a migration revokes it — the migrations must behave accordingly).

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
