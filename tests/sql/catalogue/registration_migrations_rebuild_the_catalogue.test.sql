-- Proves: the providers' registration migrations (…_register_<key>.sql, one
-- private.register_provider call each) build their whole catalogue data on their own:
-- with every registered provider's rows deleted (providers, countries, features, sync
-- permissions and the owner's grants of them), re-running the statements the migration
-- history recorded for them gives back exactly the rows there were, ids and timestamps
-- aside, and project:owner holds the permissions again.
begin;
select plan(3);

-- The providers with a registration migration.
create temporary table registered as
select p.key from public.integration_providers as p
where exists (
    select from supabase_migrations.schema_migrations as m where m.name = 'register_' || p.key
);

-- Each catalogue row of the registered providers as text, ids replaced by keys.
create function pg_temp.catalogue() returns setof text language sql as $$
    select 'provider ' || (to_jsonb(p) - 'id' - 'created_at' - 'updated_at')::text
    from public.integration_providers as p where p.key in (select key from pg_temp.registered)
    union all
    select 'country ' || p.key || ' ' || c.country_code
    from public.integration_provider_countries as c join public.integration_providers as p on p.id = c.provider_id
    where p.key in (select key from pg_temp.registered)
    union all
    select 'feature ' || p.key || ' ' || (to_jsonb(f) - 'id' - 'provider_id' - 'created_at' - 'updated_at')::text
    from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
    where p.key in (select key from pg_temp.registered)
    union all
    select 'permission ' || pm.key || ' ' || pm.description
    from public.permissions as pm where pm.key in (select 'integration:sync:' || key from pg_temp.registered)
    union all
    select 'grant ' || r.key || ' ' || rp.permission_key
    from public.role_permissions as rp join public.roles as r on r.id = rp.role_id
    where rp.permission_key in (select 'integration:sync:' || key from pg_temp.registered)
$$;

create temporary table before_delete as select * from pg_temp.catalogue();

select set_eq(
    'select key from pg_temp.registered', array['quickbooks', 'companies_house', 'hmrc'],
    'each provider has its registration migration'
);

delete from public.integration_providers where key in (select key from pg_temp.registered);
delete from public.permissions where key in (select 'integration:sync:' || key from pg_temp.registered);
select is_empty('select * from pg_temp.catalogue()', 'their catalogue rows are gone');

do $$
declare
    v_statement text;
begin
    for v_statement in
        select s.statement
        from supabase_migrations.schema_migrations as m
        cross join lateral unnest(m.statements) as s (statement)
        where m.name in (select 'register_' || key from pg_temp.registered)
        order by m.version
    loop
        execute v_statement;
    end loop;
end
$$;
select set_eq(
    'select * from pg_temp.catalogue()', 'select * from pg_temp.before_delete',
    'the registration migrations rebuild every row as it was'
);

select * from finish();
rollback;
