-- Proves (issue #18): anon, authenticated and service_role hold no TRUNCATE (which ignores
-- RLS), TRIGGER or REFERENCES on any table or view in public, and anon no INSERT, UPDATE
-- or DELETE, read from the catalogs; a table created later does not get them either (the
-- default privileges).
begin;
select plan(2);

create function pg_temp.grants_held() returns setof text language sql stable as $$
    select format('%s: %s %s', r.rolname, c.oid::regclass, p.privilege)
    from pg_class as c
    cross join (values ('anon'), ('authenticated'), ('service_role')) as r (rolname)
    cross join (values ('TRUNCATE'), ('TRIGGER'), ('REFERENCES')) as p (privilege)
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'p', 'f')
        and has_table_privilege(r.rolname, c.oid, p.privilege)
    union all
    select format('anon: %s %s', c.oid::regclass, p.privilege)
    from pg_class as c
    cross join (values ('INSERT'), ('UPDATE'), ('DELETE')) as p (privilege)
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and has_table_privilege('anon', c.oid, p.privilege)
$$;

select is_empty('select * from pg_temp.grants_held()', 'no API role holds TRUNCATE, TRIGGER or REFERENCES in public, and anon writes nothing');

set local role postgres;
create table public.a_later_table (id int primary key);
reset role;
select is_empty('select * from pg_temp.grants_held()', 'nor on a table created later by postgres');

select * from finish();
rollback;
