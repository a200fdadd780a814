-- Proves: private.cache_reference_items finds the cached rows of the one integration it
-- is given through the index, however many rows other projects have cached (with IS NOT
-- DISTINCT FROM it read the kind's rows of every project: 67 ms a call at 10,000
-- projects, plugboard bench scale). Counted with this transaction's table statistics:
-- the rows its statements fetched or scanned, not a timing.
begin;
select plan(3);
select tests.companies_house_fixture();

create temporary table ch on commit drop as
select tests.integration_id('ca_project', 'companies_house') as pi, tests.integration_id('ch_other', 'companies_house') as other;

-- another project has 2,000 officers of the same kind cached
select private.cache_reference_items('companies_house', (select other from ch), 'company_officer', '09876543', (
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('external_id', 'x' || i, 'name', 'OTHER ' || i))
    from generate_series(1, 2000) as i
));
select private.cache_reference_items('companies_house', (select pi from ch), 'company_officer', '09876543',
    '[{"external_id": "o1", "name": "RAMAN, Priya"}, {"external_id": "o2", "name": "OKAFOR, Daniel"}]');
-- as autovacuum would have (without statistics the planner reads the few pages whole)
analyze public.integration_reference_data;

create temporary table rows_read (n bigint) on commit drop;
create function pg_temp.rows_read() returns bigint language sql as $$
    select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
    from pg_catalog.pg_stat_xact_user_tables where relid = 'public.integration_reference_data'::regclass
$$;
insert into rows_read select pg_temp.rows_read();

select is(
    private.cache_reference_items('companies_house', (select pi from ch), 'company_officer', '09876543',
        '[{"external_id": "o1", "name": "RAMAN, Priya"}, {"external_id": "o3", "name": "ELLIS, Tom"}]'),
    '{"created": 1, "updated": 0, "unchanged": 1, "deactivated": 1}',
    'the answer is applied to this integration''s list'
);
select cmp_ok(
    pg_temp.rows_read() - (select n from rows_read), '<', 20::bigint,
    'it read its own few rows, not the 2,000 another project cached'
);
select is(
    (select count(*)::int from public.integration_reference_data
     where project_integration_id = (select other from ch) and is_active),
    2000, 'the other project''s list is untouched'
);

select * from finish();
rollback;
