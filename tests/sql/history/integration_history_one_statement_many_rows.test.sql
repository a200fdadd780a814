-- Proves: the history of project integrations records every row one statement changes,
-- each with its own project: a person's update of two projects' integrations names them
-- in the project they belong to and Plugboard (system) in the other; per integration the
-- status change, the switch, the references and the settings, in that order, each with
-- only what changed; an update of columns history does not record writes nothing; a
-- removed integration is recorded with its last state; a deleted project's integrations
-- record nothing (their history goes with the project).
begin;
select plan(5);

select tests.create_rls_fixture();
update auth.users set raw_user_meta_data = '{"full_name": "Rita Owner"}'
where id = tests.user_id('rls_owner');

create temp table history_mark on commit drop as
select coalesce(max(id), 0) as last_id from public.integration_config_history;
create temp view new_history as
select h.* from public.integration_config_history as h, history_mark as m
where h.id > m.last_id order by h.id;

-- one statement by Rita (a member of project A only) moves both projects' integrations,
-- as a server path running with her claims and the owner's rights would
select set_config('request.jwt.claims',
    jsonb_build_object('sub', tests.user_id('rls_owner'), 'role', 'authenticated')::text, true);
update public.project_integrations
set status = 'Connected', is_enabled = false,
    settings = settings || '{"vrn": "123456789", "book_close_date": "2026-01-31"}'
where id in (tests.id('pi_a'), tests.id('pi_b'));
select set_config('request.jwt.claims', '', true);

select results_eq(
    $$select project_integration_id, actor_kind, actor_name, object, action, before, after from new_history
      order by project_integration_id = tests.id('pi_b'), id$$,
    $$values
        (tests.id('pi_a'), 'user', 'Rita Owner', 'integration', 'connect',
            '{"status": "Pending"}'::jsonb, '{"status": "Connected"}'::jsonb),
        (tests.id('pi_a'), 'user', 'Rita Owner', 'integration', 'disabled',
            '{"is_enabled": true}'::jsonb, '{"is_enabled": false}'::jsonb),
        (tests.id('pi_a'), 'user', 'Rita Owner', 'references', 'references_changed',
            '{}'::jsonb, '{"vrn": "123456789"}'::jsonb),
        (tests.id('pi_a'), 'user', 'Rita Owner', 'settings', 'settings_changed',
            '{}'::jsonb, '{"book_close_date": "2026-01-31"}'::jsonb),
        (tests.id('pi_b'), 'system', null, 'integration', 'connect',
            '{"status": "Pending"}'::jsonb, '{"status": "Connected"}'::jsonb),
        (tests.id('pi_b'), 'system', null, 'integration', 'disabled',
            '{"is_enabled": true}'::jsonb, '{"is_enabled": false}'::jsonb),
        (tests.id('pi_b'), 'system', null, 'references', 'references_changed',
            '{}'::jsonb, '{"vrn": "123456789"}'::jsonb),
        (tests.id('pi_b'), 'system', null, 'settings', 'settings_changed',
            '{}'::jsonb, '{"book_close_date": "2026-01-31"}'::jsonb)$$,
    'every row of the statement: named in her project, Plugboard''s in the other; in order'
);

update history_mark set last_id = (select max(id) from public.integration_config_history);
update public.project_integrations
set last_error_message = 'only an error column', settings = settings - 'book_close_date' || '{"vrn": "123456789"}',
    status = 'Disconnected'
where id = tests.id('pi_a');
update public.project_integrations set last_error_code = 'x' where id in (tests.id('pi_a'), tests.id('pi_b'));
select results_eq(
    $$select object, action, before, after from new_history$$,
    $$values
        ('integration', 'disconnect', '{"status": "Connected"}'::jsonb, '{"status": "Disconnected"}'::jsonb),
        ('settings', 'settings_changed', '{"book_close_date": "2026-01-31"}'::jsonb, '{}'::jsonb)$$,
    'a disconnect and a removed key are recorded (the unchanged VRN is not); error columns alone record nothing'
);

update history_mark set last_id = (select max(id) from public.integration_config_history);
delete from public.project_integrations where id = tests.id('pi_b');
select results_eq(
    $$select project_id, project_integration_id, actor_kind, object, action, before, after from new_history$$,
    $$values (tests.id('project_b'), tests.id('pi_b'), 'system', 'integration', 'removed',
        '{"status": "Connected", "is_enabled": false}'::jsonb, null::jsonb)$$,
    'a removed integration is recorded with its last state'
);

update history_mark set last_id = (select max(id) from public.integration_config_history);
delete from public.projects where id = tests.id('project_a');
select is((select count(*)::int from new_history), 0, 'a deleted project''s integrations record nothing');
select is(
    (select count(*)::int from public.integration_config_history where project_id = tests.id('project_a')),
    0, 'and its history went with it'
);

select * from finish();
rollback;
