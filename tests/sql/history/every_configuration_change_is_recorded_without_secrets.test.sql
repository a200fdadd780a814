-- Proves: the configuration history (issue #23) is written by the database on every path --
-- a feature switched through the RPC by a signed-in owner, a direct update by the service
-- role, a settings change, a credential set and removed by Plugboard itself -- each with
-- its actor, before and after; a secret never appears in it; and it is readable only by
-- members holding integration:manage on the project, writable by no API role.
begin;

select plan(17);

select tests.create_rls_fixture();
update auth.users set raw_user_meta_data = '{"full_name": "Rita Owner"}'
where id = tests.user_id('rls_owner');

create temp table history_mark on commit drop as
select coalesce(max(id), 0) as last_id from public.integration_config_history;
grant select on history_mark to public;

create temp view new_history as
select h.* from public.integration_config_history as h, history_mark as m
where h.id > m.last_id order by h.id;
grant select on new_history to public;

-- 1. the owner turns feature_2 off through the RPC (no override row yet: an insert)
select tests.act_as('rls_owner');
select public.integration_feature_set_enabled(tests.id('pi_a'), 'feature_2', false);
reset role;

select results_eq(
    $$select project_id, feature_id, actor_kind, actor_id, actor_name, object, action, before, after
      from new_history$$,
    $$values (tests.id('project_a'), tests.id('feature_2'), 'user', tests.user_id('rls_owner'), 'Rita Owner',
        'feature', 'disabled', '{"is_enabled": true}'::jsonb, '{"is_enabled": false}'::jsonb)$$,
    'a feature switched off through the RPC is recorded with the person, before and after'
);

-- setting it to what it already is records nothing
select tests.act_as('rls_owner');
select public.integration_feature_set_enabled(tests.id('pi_a'), 'feature_2', false);
reset role;
select is((select count(*) from new_history), 1::bigint, 'a switch to the same state records nothing');

-- 2. the service role updates the table directly: feature_1 on, with a schedule
update history_mark set last_id = (select max(id) from public.integration_config_history);
select tests.act_as('service_role');
update public.project_integration_features
set is_enabled = true, trigger_type = 'on_schedule', trigger_config = '{"entity": "projects", "schedule": "0 6 * * *"}'
where id = tests.id('pif_a');
reset role;

select results_eq(
    $$select actor_kind, actor_id, actor_name, action, before, after from new_history$$,
    $$values
        ('service_role', null::uuid, null::text, 'enabled', '{"is_enabled": false}'::jsonb, '{"is_enabled": true}'::jsonb),
        ('service_role', null, null, 'trigger_changed',
            '{"trigger_type": null, "trigger_config": null}'::jsonb,
            '{"trigger_type": "on_schedule", "trigger_config": {"entity": "projects", "schedule": "0 6 * * *"}}'::jsonb)$$,
    'a direct update by the service role is recorded: enabled and trigger_changed, before and after'
);
select is(
    (select actor_name from public.v_integration_config_history
     where id = (select max(id) from public.integration_config_history)),
    'A server app',
    'the view names the service role for people'
);

-- 3. settings: HMRC identifiers are references, anything else settings; only changed keys
update history_mark set last_id = (select max(id) from public.integration_config_history);
update public.project_integrations set settings = '{"vrn": "123456789", "book_close_date": "2026-01-31"}'
where id = tests.id('pi_a');
select results_eq(
    $$select actor_kind, object, action, before, after from new_history$$,
    $$values
        ('system', 'references', 'references_changed', '{}'::jsonb, '{"vrn": "123456789"}'::jsonb),
        ('system', 'settings', 'settings_changed', '{}'::jsonb, '{"book_close_date": "2026-01-31"}'::jsonb)$$,
    'a settings change is recorded as references and settings, with only the keys that changed'
);

-- 4. status and the integration switch
update history_mark set last_id = (select max(id) from public.integration_config_history);
update public.project_integrations set status = 'Connected' where id = tests.id('pi_a');
update public.project_integrations set status = 'Expired', last_error_code = 'expired' where id = tests.id('pi_a');
update public.project_integrations set last_error_message = 'only an error column' where id = tests.id('pi_a');
select tests.act_as('rls_owner');
update public.project_integrations set is_enabled = false where id = tests.id('pi_a');
reset role;
select results_eq(
    $$select actor_kind, object, action, after from new_history$$,
    $$values
        ('system', 'integration', 'connect', '{"status": "Connected"}'::jsonb),
        ('system', 'integration', 'status_changed', '{"status": "Expired"}'::jsonb),
        ('user', 'integration', 'disabled', '{"is_enabled": false}'::jsonb)$$,
    'connect, a status change and a switch are recorded; error columns alone are not'
);

-- 5. credentials: removed and set, never the secret
update history_mark set last_id = (select max(id) from public.integration_config_history);
select tests.act_as('service_role');
delete from public.integration_credentials where id = tests.id('cred_a');
reset role;
select private.save_credential('rls_test', tests.id('pi_a'), '{"api_key": "sk-live-very-secret-4242"}'::jsonb, p_scopes => '{read}');
select results_eq(
    $$select actor_kind, object, action, before, after from new_history$$,
    $$values
        ('service_role', 'credential', 'key_removed', '{"scopes": []}'::jsonb, null::jsonb),
        ('system', 'credential', 'key_set', null, '{"scopes": ["read"]}'::jsonb)$$,
    'a credential removed and set is recorded with its scopes only'
);
select is(
    (select count(*) from public.integration_config_history as h
     where h::text like '%sk-live-very-secret-4242%'
        or h::text like '%' || (select c.vault_secret_id::text from public.integration_credentials as c
                                where c.project_integration_id = tests.id('pi_a')) || '%'),
    0::bigint,
    'neither the secret nor its Vault id appears anywhere in the history'
);

-- 6. who reads it
select is(
    tests.outcome('rls_owner', $$select count(*) from public.v_integration_config_history
        where project_id = tests.id('project_a')$$),
    'rows ' || (select count(*) from public.integration_config_history where project_id = tests.id('project_a')),
    'the owner (integration:manage) reads the project''s history through the view'
);
select is(
    tests.outcome('rls_owner', $$select count(*) from public.v_integration_config_history
        where project_id = tests.id('project_b')$$),
    'rows 0',
    'the owner of project A sees nothing of project B''s history'
);
select is(
    tests.outcome('rls_member', $$select count(*) from public.v_integration_config_history$$),
    'rows 0',
    'a member without integration:manage sees nothing'
);
select is(
    tests.outcome('rls_outsider', $$select count(*) from public.integration_config_history$$),
    'rows 0',
    'a person of no project sees nothing'
);
select is(
    tests.outcome('rls_stranger', $$select count(distinct project_id) from public.integration_config_history
        where project_id in (tests.id('project_a'), tests.id('project_b'))$$),
    'rows 1',
    'another project''s owner sees only their own project''s history'
);
select is(
    tests.outcome('anon', $$select count(*) from public.v_integration_config_history$$),
    'permission denied',
    'anon cannot read the history'
);

-- 7. nobody writes it through the API
select is(
    tests.outcome('rls_owner', $$insert into public.integration_config_history
        (project_id, project_integration_id, provider_id, actor_kind, object, action)
        values (tests.id('project_a'), tests.id('pi_a'), tests.id('provider'), 'system', 'feature', 'forged')$$),
    'permission denied',
    'a signed-in owner cannot forge history'
);
select is(
    tests.outcome('service_role', $$update public.integration_config_history set action = 'forged'$$),
    'permission denied',
    'the service role cannot rewrite history'
);
select is(
    tests.outcome('service_role', $$delete from public.integration_config_history$$),
    'permission denied',
    'the service role cannot delete history'
);

select * from finish();
rollback;
