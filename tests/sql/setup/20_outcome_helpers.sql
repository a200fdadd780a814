-- Test helpers for table-driven tests: stable fixture ids, acting as any of the API roles,
-- and running a statement as that role to record what happened (rows or the error), the
-- way PostgREST serves a request (set local role + request.jwt.claims).
-- Applied by tests/run.py to the test database only; never a migration.

-- A fixed uuid for a fixture name, the same under every role (no table read), so
-- statements in a case table can name rows: `where id = tests.id('project_a')`.
create or replace function tests.id(p_name text)
returns uuid
language sql immutable
set search_path = ''
as $$
    select pg_catalog.md5('plugboard-test:' || p_name)::uuid
$$;

-- Act as one of: 'anon', 'service_role', 'postgres' (the owner role workers run as, no
-- claims), 'claims:<json>' (role authenticated with exactly these JWT claims, for requests
-- whose claims are missing, empty or malformed), or the name of a user made by
-- tests.create_user.
create or replace function tests.act_as(p_actor text)
returns void
language plpgsql
as $$
begin
    if p_actor = 'anon' then
        perform tests.authenticate_as_anon();
    elsif p_actor = 'service_role' then
        perform tests.authenticate_as_service_role();
    elsif p_actor = 'postgres' then
        perform set_config('request.jwt.claims', '', true);
        execute 'set local role postgres';
    elsif p_actor like 'claims:%' then
        perform set_config('request.jwt.claims', substr(p_actor, 8), true);
        execute 'set local role authenticated';
    else
        perform tests.authenticate_as(p_actor);
    end if;
end
$$;

-- Runs p_sql as p_actor in a subtransaction that is always rolled back (the statement's
-- effects and the role switch are undone), and says what happened:
--   'rows N'             a select count(*) returned N, or DML affected N rows;
--   'rls violation'      42501, new row violates a row-level security policy;
--   'permission denied'  42501, no privilege on the relation or function;
--   '<sqlstate>: <msg>'  any other error.
-- A statement starting with `select` must return one number (a count).
create or replace function tests.outcome(p_actor text, p_sql text)
returns text
language plpgsql
as $$
declare
    v_rows bigint;
    v_outcome text;
begin
    begin
        perform tests.act_as(p_actor);
        if p_sql ~* '^\s*select\M' then
            execute p_sql into v_rows;
        else
            execute p_sql;
            get diagnostics v_rows = row_count;
        end if;
        v_outcome := 'rows ' || v_rows;
        raise exception using errcode = 'PBT01', message = 'undo';
    exception
        when sqlstate 'PBT01' then
            null;
        when insufficient_privilege then
            v_outcome := case
                when sqlerrm like 'new row violates row-level security policy%' then 'rls violation'
                else 'permission denied'
            end;
        when others then
            v_outcome := sqlstate || ': ' || sqlerrm;
    end;
    return v_outcome;
end
$$;

-- '<sqlstate>: <message>' of the error p_sql raises (run as the caller, rolled back), or
-- null when it succeeds. For asserting an error code and the start of its message at once.
create or replace function tests.error_of(p_sql text)
returns text
language plpgsql
as $$
declare
    v_error text;
begin
    begin
        execute p_sql;
        raise exception using errcode = 'PBT01', message = 'undo';
    exception
        when sqlstate 'PBT01' then
            v_error := null;
        when others then
            v_error := sqlstate || ': ' || sqlerrm;
    end;
    return v_error;
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
