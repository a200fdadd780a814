-- Proves (issue #18): a host record or an integration never moves to another project
-- (PB409 whoever tries, even the workers' role), and a transaction's relationship is one
-- of its own project's for every writer (a composite foreign key, not only RLS).
begin;
select plan(5);
select tests.create_rls_fixture();

select is(
    tests.outcome('postgres', $$update public.project_relationships set project_id = tests.id('project_b') where id = tests.id('rel_a_free')$$),
    'PB409: a relationship stays in the project it was created in',
    'a relationship does not move project, even for the owner role'
);
select is(
    tests.outcome('service_role', $$update public.transactions set project_id = tests.id('project_b'), relationship_id = null where id = tests.id('txn_a')$$),
    'PB409: a transaction stays in the project it was created in',
    'a transaction does not move project'
);
select is(
    tests.outcome('postgres', $$update public.project_integrations set project_id = tests.id('project_b') where id = tests.id('pi_a')$$),
    'PB409: a project integration stays in the project it was created in',
    'an integration does not move project'
);
select is(
    tests.outcome('postgres', $$update public.transactions set relationship_id = tests.id('rel_b') where id = tests.id('txn_a')$$),
    '23503: insert or update on table "transactions" violates foreign key constraint "transactions_relationship_id_fkey"',
    'a transaction of A cannot name a relationship of B, whoever writes it'
);
select is(
    tests.outcome('postgres', $$update public.transactions set relationship_id = tests.id('rel_a_free') where id = tests.id('txn_a')$$),
    'rows 1',
    'a relationship of its own project is fine'
);

select * from finish();
rollback;
