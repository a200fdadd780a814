-- Proves: a sync log counts records_linked (records mapped to one the provider already
-- held, left as it was) apart from created and updated: 0 unless a run says otherwise,
-- never negative, and the Logs page (integration_sync_logs_page over
-- v_integration_sync_logs) shows it to a member who may read the logs.
begin;
select plan(5);
select tests.create_engine_fixture();
select tests.create_user('linked_owner');
update public.projects set created_by = tests.user_id('linked_owner') where id = tests.id('eng_project');
select tests.add_member(tests.id('eng_project'), 'linked_owner', 'project:owner');

insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, status, action
) values
(tests.id('plain_log'), tests.id('eng_project'), tests.id('eng_integration'), tests.id('eng_provider'),
    tests.id('eng_vendors'), 'on_manual', 'outbound', 'success', 'act'),
(tests.id('linked_log'), tests.id('eng_project'), tests.id('eng_integration'), tests.id('eng_provider'),
    tests.id('eng_vendors'), 'on_manual', 'outbound', 'success', 'act');

select is(
    (select records_linked from public.integration_sync_logs where id = tests.id('plain_log')), 0,
    'a log counts no linked records unless its run says so'
);
select throws_ok(
    $$update public.integration_sync_logs set records_linked = -1 where id = tests.id('plain_log')$$,
    '23514', null, 'records_linked is never negative'
);
update public.integration_sync_logs set records_linked = 1, details = '{"linked": {"r1": "linked to existing"}}'
where id = tests.id('linked_log');

select has_column('public', 'v_integration_sync_logs', 'records_linked', 'the logs view has records_linked');
select tests.authenticate_as('linked_owner');
select results_eq(
    $$select id, records_created, records_updated, records_linked
      from public.integration_sync_logs_page(tests.id('eng_project'), '{}', null, null, 10) order by id$$,
    $$values (tests.id('plain_log'), 0, 0, 0), (tests.id('linked_log'), 0, 0, 1) order by 1$$,
    'the Logs page shows each log''s linked count apart from created and updated'
);
select is(
    (select records_linked from public.v_integration_sync_logs where id = tests.id('linked_log')), 1,
    'the view as a member reads it'
);
select * from finish();
rollback;
