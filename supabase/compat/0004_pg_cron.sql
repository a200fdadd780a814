-- probe: select exists (select from pg_extension where extname = 'pg_cron') or
--   current_setting('shared_preload_libraries') not like '%pg_cron%' or current_database() <>
--   coalesce(current_setting('cron.database_name', true), 'postgres')
-- pg_cron, where the server preloads it and this is its database (Supabase enables it from
-- the dashboard). Elsewhere the migrations still apply; `plugboard db migrate` says what
-- needs pg_cron. In pg_catalog, as on Supabase (its `cron` schema holds the jobs): the
-- search_path's first schema would be public, which splinter flags (extension_in_public).

create extension if not exists pg_cron with schema pg_catalog;
grant usage on schema cron to postgres;
grant all on all tables in schema cron to postgres;
