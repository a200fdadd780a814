-- Test helpers in the style of supabase-test-helpers: named users, and running as a
-- client app's request does (set local role + request.jwt.claims, as PostgREST does).
-- Applied by tests/run.py to the test database only; never a migration.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- A user in auth.users identified by a readable name; returns its id.
create or replace function tests.create_user(p_name text)
returns uuid
language sql
security definer
set search_path = ''
as $$
    insert into auth.users (id, email, role, aud)
    values (extensions.gen_random_uuid(), p_name || '@test.invalid', 'authenticated', 'authenticated')
    on conflict (id) do nothing
    returning id
$$;

create or replace function tests.user_id(p_name text)
returns uuid
language sql stable
security definer
set search_path = ''
as $$
    select u.id from auth.users as u where u.email = p_name || '@test.invalid'
$$;

-- Act as a signed-in user for the rest of the transaction.
create or replace function tests.authenticate_as(p_name text)
returns void
language plpgsql
as $$
declare
    v_id uuid := tests.user_id(p_name);
begin
    if v_id is null then
        raise exception 'tests.authenticate_as: no user named %', p_name;
    end if;
    perform set_config('request.jwt.claims',
        json_build_object('sub', v_id, 'role', 'authenticated', 'email', p_name || '@test.invalid')::text,
        true);
    execute 'set local role authenticated';
end
$$;

create or replace function tests.authenticate_as_anon()
returns void
language plpgsql
as $$
begin
    perform set_config('request.jwt.claims', '{"role": "anon"}', true);
    execute 'set local role anon';
end
$$;

create or replace function tests.authenticate_as_service_role()
returns void
language plpgsql
as $$
begin
    perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
    execute 'set local role service_role';
end
$$;

-- Back to the test's own role (the one pg_prove connected as).
create or replace function tests.clear_authentication()
returns void
language plpgsql
as $$
begin
    perform set_config('request.jwt.claims', '', true);
    execute 'reset role';
end
$$;

-- Adds a member with a role key ('project:owner' or 'project:member') to a project.
create or replace function tests.add_member(p_project_id uuid, p_user text, p_role_key text)
returns void
language sql
security definer
set search_path = ''
as $$
    insert into public.project_members (project_id, user_id, role_id)
    select p_project_id, tests.user_id(p_user), r.id from public.roles as r where r.key = p_role_key
$$;

-- true when every table of the schema has RLS enabled
create or replace function tests.rls_enabled(p_schema text)
returns boolean
language sql stable
as $$
    select bool_and(c.relrowsecurity)
    from pg_class as c
    join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = p_schema and c.relkind = 'r'
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
