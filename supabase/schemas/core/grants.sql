-- Least privilege for the API roles (issue #18). Supabase's default privileges grant
-- every new table in public ALL to anon, authenticated and service_role (see
-- supabase/compat/0002_database_grants.sql). TRUNCATE ignores row-level security,
-- TRIGGER and REFERENCES are schema powers no request needs: none of the three roles keeps
-- them, on today's tables or on tables created later. anon (no signed-in user) writes
-- nothing, now or later. Tables signed-in clients never write lose INSERT, UPDATE and
-- DELETE for authenticated too (their reads stay under RLS); service_role and the
-- workers write them.

revoke truncate, trigger, references on all tables in schema public from anon, authenticated, service_role;

alter default privileges for role postgres in schema public
revoke truncate, trigger, references on tables from anon, authenticated, service_role;

-- on Supabase tables created by supabase_admin get the same defaults; only a member of
-- that role may change them
do $$
begin
    if exists (select from pg_catalog.pg_roles where rolname = 'supabase_admin')
        and pg_catalog.pg_has_role('supabase_admin', 'member') then
        alter default privileges for role supabase_admin in schema public
        revoke truncate, trigger, references on tables from anon, authenticated, service_role;
        alter default privileges for role supabase_admin in schema public
        revoke insert, update, delete on tables from anon;
    end if;
end
$$;

revoke insert, update, delete on all tables in schema public from anon;

alter default privileges for role postgres in schema public
revoke insert, update, delete on tables from anon;

revoke insert, update, delete on
public.roles,
public.permissions,
public.role_permissions,
public.menu_items,
public.integration_providers,
public.integration_provider_countries,
public.integration_features,
public.integration_reference_data,
public.integration_sync_logs
from authenticated;
