-- Proves: integration_sync_logs_page serves v_integration_sync_logs newest first, a page at
-- a time by keyset (created_at, id) — pages neither overlap nor skip, ties in created_at
-- included — filtered by provider, feature, status (one or any of), trigger type, time
-- range and entity; unknown filters PB422; RLS decides (a member without
-- integration:logs:view sees nothing, anon cannot call it); integration_sync_log_status
-- reports whether runs are final.
begin;
select plan(11);
select tests.create_engine_fixture();
select tests.create_user('log_owner');
select tests.create_user('log_member');
update public.projects set created_by = tests.user_id('log_owner') where id = tests.id('eng_project');
select tests.add_member(tests.id('eng_project'), 'log_owner', 'project:owner');
select tests.add_member(tests.id('eng_project'), 'log_member', 'project:member');

-- 30 logs, 3 per created_at (ties), alternating features and statuses
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, status, action,
    entity_type, entity_id, error_message, created_at
)
select tests.id('log' || i), tests.id('eng_project'), tests.id('eng_integration'), tests.id('eng_provider'),
    case when i % 2 = 0 then tests.id('eng_manual') else tests.id('eng_expenses') end,
    case when i % 2 = 0 then 'on_manual' else 'on_status_change' end::public.sync_trigger_type,
    'inbound', case when i % 3 = 0 then 'failed' else 'success' end::public.sync_status, 'act',
    'payment', 'tx' || (i % 5), case when i % 3 = 0 then 'boom' end,
    '2026-11-25 10:00Z'::timestamptz + ((i / 3) * interval '1 minute')
from generate_series(1, 30) as i;

select tests.authenticate_as('log_owner');
create temporary table pages (n int, ids uuid[]) on commit drop;
insert into pages select 1, array(select id from public.integration_sync_logs_page(tests.id('eng_project'), '{}', null, null, 7));
do $$
declare
    v_n int := 1;
    v_last public.v_integration_sync_logs;
begin
    loop
        select v.* into v_last from public.v_integration_sync_logs as v
        where v.id = (select ids[array_length(ids, 1)] from pages where n = v_n);
        exit when v_last.id is null;
        v_n := v_n + 1;
        insert into pages select v_n, array(select id from public.integration_sync_logs_page(
            tests.id('eng_project'), '{}', v_last.created_at, v_last.id, 7));
    end loop;
end
$$;
select is(
    (select array_agg(id order by n, ord) from pages, unnest(ids) with ordinality as u (id, ord)),
    array(select id from public.integration_sync_logs order by created_at desc, id desc),
    'seven at a time, page after page: every log once, newest first, ties by id'
);
select is((select count(*)::int from pages), 6, 'five pages of 7 or fewer, then an empty one');

select is((select count(*)::int from public.integration_sync_logs_page(tests.id('eng_project'),
    '{"provider": "engine_test", "status": "failed"}', null, null, 200)), 10, 'provider and one status');
select is((select count(*)::int from public.integration_sync_logs_page(tests.id('eng_project'),
    jsonb_build_object('feature_id', tests.id('eng_manual'), 'status', jsonb_build_array('failed', 'success')), null, null, 200)),
    15, 'a feature, any of two statuses');
select is((select count(*)::int from public.integration_sync_logs_page(tests.id('eng_project'),
    '{"trigger_type": "on_status_change", "entity_type": "payment", "entity_id": "tx1"}', null, null, 200)),
    3, 'a trigger type and one record''s history');
select is((select count(*)::int from public.integration_sync_logs_page(tests.id('eng_project'),
    '{"from": "2026-11-25 10:02Z", "to": "2026-11-25 10:04Z"}', null, null, 200)), 6, 'a time range, from inclusive, to exclusive');
select is((select count(*)::int from public.integration_sync_logs_page(tests.id('eng_project'),
    '{"provider": "quickbooks"}', null, null, 200)), 0, 'another provider: none');
select throws_ok($$select * from public.integration_sync_logs_page(tests.id('eng_project'), '{"colour": "red"}')$$,
    'PB422', 'filters.colour: unknown filter', 'an unknown filter: PB422');

select results_eq(
    $$select id, status::text, is_final from public.integration_sync_log_status(array[tests.id('log3'), tests.id('log4')]) order by id$$,
    $$select id, status::text, true from public.integration_sync_logs where id in (tests.id('log3'), tests.id('log4')) order by id$$,
    'the polling RPC: status and whether it is final'
);

select tests.authenticate_as('log_member');
select is((select count(*)::int from public.integration_sync_logs_page(tests.id('eng_project'), '{}', null, null, 200)), 0,
    'a member without integration:logs:view sees no logs (RLS)');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$select * from public.integration_sync_logs_page(gen_random_uuid())$$, '42501', null,
    'anon cannot call it');
select tests.clear_authentication();

select * from finish();
rollback;
