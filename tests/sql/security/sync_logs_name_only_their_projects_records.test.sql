-- Proves (issue #18): a sync log -- a queued run's order, its job carries only the log id --
-- names only its integration's project, provider and feature, and only records of the
-- integration's project: entity_id (a batch's 'batch:<id>' too), params entity_id,
-- entity_ids, relationship_id, transaction_id and mapping_id. Checked by the database for
-- every writer (here the workers' role, and the queue's own door private.enqueue_sync_run,
-- which then queues no job). Realtime runs name the provider's ids and are not looked up.
begin;
select tests.create_rls_fixture();
insert into public.integration_features (
    id, provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type
) values (tests.id('feature_spare'), tests.id('provider_spare'), 'spare', 'Spare', 'on_manual', '{"entity": "projects"}', 'inbound', 'project');

create temp table log_cases (ord serial, description text, project text, provider text, feature text,
    trigger text, entity_type text, entity_id text, params jsonb, expected text) on commit drop;
insert into log_cases (description, project, provider, feature, trigger, entity_type, entity_id, params, expected) values
('a vendor run on a relationship of its project', 'project_a', 'provider', 'feature_1', 'on_manual', 'vendor', tests.id('rel_a')::text, jsonb_build_object('entity_id', tests.id('rel_a')), 'rows 1'),
('a vendor run on a relationship of B', 'project_a', 'provider', 'feature_1', 'on_manual', 'vendor', tests.id('rel_b')::text, '{}', 'PB409'),
('params entity_id of B behind an entity_id of A', 'project_a', 'provider', 'feature_1', 'on_manual', 'vendor', tests.id('rel_a')::text, jsonb_build_object('entity_id', tests.id('rel_b')), 'PB409'),
('an id that is no record at all', 'project_a', 'provider', 'feature_1', 'on_manual', 'customer', tests.id('nothing')::text, '{}', 'PB409'),
('an entity id that is not a uuid', 'project_a', 'provider', 'feature_1', 'on_manual', 'company', 'abc', '{}', 'PB409'),
('a batch of transactions of its project', 'project_a', 'provider', 'feature_1', 'on_manual', 'transaction', 'batch:' || tests.id('txn_a'), jsonb_build_object('entity_ids', jsonb_build_array(tests.id('txn_a'))), 'rows 1'),
('a batch with a transaction of B in it', 'project_a', 'provider', 'feature_1', 'on_manual', 'transaction', 'batch:' || tests.id('txn_a'), jsonb_build_object('entity_ids', jsonb_build_array(tests.id('txn_a'), tests.id('txn_b'))), 'PB409'),
('a batch named after a transaction of B', 'project_a', 'provider', 'feature_1', 'on_manual', 'transaction', 'batch:' || tests.id('txn_b'), '{}', 'PB409'),
('params relationship_id of B', 'project_a', 'provider', 'feature_1', 'on_manual', null, null, jsonb_build_object('relationship_id', tests.id('rel_b')), 'PB409'),
('params transaction_id of B', 'project_a', 'provider', 'feature_1', 'on_manual', null, null, jsonb_build_object('transaction_id', tests.id('txn_b')), 'PB409'),
('params mapping_id of B''s integration', 'project_a', 'provider', 'feature_1', 'on_link', 'vendor', tests.id('rel_a')::text, jsonb_build_object('mapping_id', tests.id('map_b')), 'PB409'),
('params mapping_id of its own integration', 'project_a', 'provider', 'feature_1', 'on_link', 'vendor', tests.id('rel_a')::text, jsonb_build_object('mapping_id', tests.id('map_a')), 'rows 1'),
('a realtime run names the provider''s id', 'project_a', 'provider', 'feature_1', 'realtime', 'vendor', '58', jsonb_build_object('entity_id', '58'), 'rows 1'),
('a log of A''s integration filed under project B', 'project_b', 'provider', 'feature_1', 'on_manual', null, null, '{}', 'PB409'),
('another provider than the integration''s', 'project_a', 'provider_spare', null, 'on_manual', null, null, '{}', 'PB409'),
('a feature of another provider', 'project_a', 'provider', 'feature_spare', 'on_manual', null, null, '{}', 'PB409'),
('a reference entity type is not looked up', 'project_a', 'provider', 'feature_1', 'on_manual', 'account', '1200', '{}', 'rows 1');

select plan((select count(*)::int from log_cases) + 3);

select is(
    left(tests.outcome('postgres', format(
        $$insert into public.integration_sync_logs (project_id, project_integration_id, provider_id, feature_id,
            trigger_type, direction, action, entity_type, entity_id, details)
        values (%L, %L, %L, %L, %L, 'inbound', 'noop', %L, %L, %L)$$,
        tests.id(c.project), tests.id('pi_a'), tests.id(c.provider), tests.id(c.feature), c.trigger,
        c.entity_type, c.entity_id, jsonb_build_object('params', c.params))), length(c.expected)),
    c.expected,
    c.description
)
from log_cases as c order by c.ord;

select is(
    tests.outcome('postgres', $$update public.integration_sync_logs set details = jsonb_build_object('params', jsonb_build_object('relationship_id', tests.id('rel_b'))) where id = tests.id('log_a')$$),
    format('PB409: relationship %s is not a record of this integration''s project', tests.id('rel_b')),
    'a log cannot be pointed at another project''s record later'
);

select is(
    tests.rpc_outcome('postgres', null,
        format($$select to_jsonb(private.enqueue_sync_run(%L, %L, 'on_manual', 'noop', 'vendor', %L, %L, null))$$,
            tests.id('pi_a'), tests.id('feature_1'), tests.id('rel_b'), jsonb_build_object('entity_id', tests.id('rel_b'))),
        'select (select count(*) from public.integration_sync_logs) + (select count(*) from procrastinate.procrastinate_jobs)')
        - 'message',
    '{"outcome": "PB409", "written": 0}',
    'queueing a run of A''s integration on B''s relationship: refused, no log and no job'
);
select is(
    tests.rpc_outcome('postgres', null,
        format($$select to_jsonb(private.enqueue_sync_run(%L, %L, 'on_manual', 'noop', 'vendor', %L, %L, null))$$,
            tests.id('pi_a'), tests.id('feature_1'), tests.id('rel_a'), jsonb_build_object('entity_id', tests.id('rel_a'))),
        'select (select count(*) from public.integration_sync_logs) + (select count(*) from procrastinate.procrastinate_jobs)')
        - 'result' - 'message',
    '{"outcome": "ok", "written": 2}',
    'on its own project''s relationship: a log and a job'
);

select * from finish();
rollback;
