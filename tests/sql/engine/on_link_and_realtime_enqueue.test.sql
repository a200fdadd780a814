-- Proves: a person linking a record by hand (mapping created_via 'link') queues the on_link
-- features for that entity type whose filter the linked host record matches, naming the
-- person; a mapping written by a sync queues nothing, nor one a sync linked by name
-- (created_via 'match': QuickBooks' duplicate name of the same business). private.enqueue_realtime queues one
-- run per changed entity of the realtime features for that entity type (null: the whole
-- feature), hands back waiting runs, and queues nothing for other entity types or a
-- disconnected integration.
begin;
select plan(9);
select tests.create_engine_fixture();
select tests.create_user('linker');

insert into public.project_relationships (id, project_id, entity_type, display_name) values
(tests.id('r_business'), tests.id('eng_project'), 'Business', 'Acme Ltd'),
(tests.id('r_person'), tests.id('eng_project'), 'Individual', 'Jo Bloggs'),
(tests.id('r_synced'), tests.id('eng_project'), 'Business', 'Synced Ltd'),
(tests.id('r_matched'), tests.id('eng_project'), 'Business', 'Matched Ltd');

insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id, created_via, created_by)
values
(tests.id('eng_integration'), 'company', tests.id('r_business'), '01234567', 'link', tests.user_id('linker')),
(tests.id('eng_integration'), 'company', tests.id('r_person'), '07654321', 'link', tests.user_id('linker')),
(tests.id('eng_integration'), 'vendor', tests.id('r_business'), 'V-1', 'link', tests.user_id('linker'));
select results_eq(
    $$select feature, trigger_type, entity_id from tests.engine_queue()$$,
    format($$values ('lookup', 'on_link', %L)$$, tests.id('r_business')),
    'linking a Business as a company queues its lookup; an Individual (filter) or another entity type does not'
);
select is(
    (select row(l.requested_by, l.details -> 'params' ->> 'external_id')::text from public.integration_sync_logs as l
     where l.trigger_type = 'on_link'),
    row(tests.user_id('linker'), '01234567')::text,
    'the run names the person who linked and carries the external id'
);

insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id)
values (tests.id('eng_integration'), 'company', tests.id('r_synced'), '99999999');
select is((select count(*)::int from tests.engine_queue() where trigger_type = 'on_link'), 1,
    'a mapping a sync wrote queues nothing');
insert into public.integration_entity_mappings (project_integration_id, entity_type, internal_id, external_id, created_via)
values (tests.id('eng_integration'), 'company', tests.id('r_matched'), '88888888', 'match');
select is((select count(*)::int from tests.engine_queue() where trigger_type = 'on_link'), 1,
    'a mapping a sync linked by name (match) is accepted and queues nothing');

select is(cardinality(private.enqueue_realtime(tests.id('eng_integration'), 'payment', array['p1', 'p2'], '{"source": "webhook"}')),
    2, 'two changed payments: two runs');
select is(private.enqueue_realtime(tests.id('eng_integration'), 'payment', array['p1'], '{}'),
    array[(select l.id from public.integration_sync_logs as l where l.entity_id = 'p1')],
    'a payment whose run still waits: that run');
select is(cardinality(private.enqueue_realtime(tests.id('eng_integration'), 'payment', null, '{}')), 1,
    'no entity ids (a CDC poll saw changes): one run of the whole feature');
select is(cardinality(private.enqueue_realtime(tests.id('eng_integration'), 'invoice', array['i1'], '{}')), 0,
    'an entity type no realtime feature syncs: nothing');
update public.project_integrations set status = 'Disconnected' where id = tests.id('eng_integration');
select is(cardinality(private.enqueue_realtime(tests.id('eng_integration'), 'payment', array['p3'], '{}')), 0,
    'a disconnected integration: nothing');

select * from finish();
rollback;
