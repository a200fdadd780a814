-- probe: select exists (select from pg_extension where extname = 'pgcrypto')
-- Supabase installs its extensions into the `extensions` schema; pgcrypto is there.

create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;
