-- probe: select exists (select from pg_roles where rolname = 'anon') and exists (select from pg_roles where
--   rolname = 'authenticated') and exists (select from pg_roles where rolname = 'service_role') and
--   exists (select from pg_roles where rolname = 'authenticator') and exists (select from pg_roles where
--   rolname = 'postgres')
-- Supabase's API roles, as supabase/postgres creates them. On plain PostgreSQL with a
-- Supabase-like layout (the local cluster's superuser is supabase_admin) this also creates
-- `postgres` as Supabase has it: not a superuser, but CREATEROLE, CREATEDB and BYPASSRLS.
-- Migrations run as that role.

do $roles$
begin
    if not exists (select from pg_roles where rolname = 'anon') then
        create role anon nologin inherit;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin inherit;
    end if;
    if not exists (select from pg_roles where rolname = 'service_role') then
        create role service_role nologin inherit bypassrls;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticator') then
        create role authenticator login noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'postgres') then
        create role postgres login createrole createdb replication bypassrls;
    end if;
    grant anon, authenticated, service_role to authenticator;
    grant anon, authenticated, service_role to postgres;
end
$roles$;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
