-- Proves: private.register_provider writes a new provider's whole catalogue entry from one
-- description (provider row with defaults for what it leaves out, countries, features,
-- the integration:sync:<key> permission, held by project:owner without a re-grant); a
-- second call with the same description changes no row; a changed description updates
-- what changed, removes a country and a feature no longer listed and resets a field left
-- out to its default; a feature projects have settings for is not deleted (PB409) but may
-- stay with "is_active": false.
begin;
select plan(17);

create function pg_temp.ledger() returns jsonb language sql as $$
    select '{
        "key": "reg_ledger", "name": "Reg Ledger", "description": "A ledger.",
        "auth_method": "oauth2", "credential_scope": "per_project", "auto_enable_for_country": true,
        "website_url": "https://ledger.example", "sort_order": 70.0, "min_schedule_interval": "2 hours",
        "countries": ["GB", "NZ"], "client_actions": ["validate_bill"], "server_actions": ["testConnection", "push_bill", "pull_rates"],
        "features": [
            {"key": "bills", "name": "Bills", "default_trigger": "on_manual", "default_trigger_config": {"entity": "transactions"},
             "sync_direction": "outbound", "entity_type": "transaction", "server_action": "push_bill",
             "validation_action": "validate_bill", "sort_order": 10},
            {"key": "rates", "name": "Rates", "default_trigger": "on_schedule",
             "default_trigger_config": {"entity": "projects", "schedule": "0 3 * * *"},
             "sync_direction": "inbound", "entity_type": "rate", "server_action": "pull_rates", "sort_order": 20.0}
        ]
    }'::jsonb
$$;

-- Every catalogue row of the provider as it is stored (row versions included: an update
-- writes a new version, so an unchanged ctid means an untouched row).
create function pg_temp.rows_of(p_key text) returns text language sql as $$
    select concat_ws(' | ',
        (select p.ctid::text from public.integration_providers as p where p.key = p_key),
        (select string_agg(f.key || f.ctid::text, ',' order by f.key) from public.integration_features as f
         join public.integration_providers as p on p.id = f.provider_id where p.key = p_key),
        (select string_agg(c.country_code || c.ctid::text, ',' order by c.country_code) from public.integration_provider_countries as c
         join public.integration_providers as p on p.id = c.provider_id where p.key = p_key),
        (select pm.ctid::text from public.permissions as pm where pm.key = 'integration:sync:' || p_key)
    )
$$;

select isnt(private.register_provider(pg_temp.ledger()), null, 'a new provider registers, its id returned');
select results_eq(
    $$select name, description, auth_method::text, credential_scope::text, auto_enable_for_country, is_active,
             website_url, docs_url, client_actions, server_actions, sort_order, min_schedule_interval
      from public.integration_providers where key = 'reg_ledger'$$,
    $$values ('Reg Ledger', 'A ledger.', 'oauth2', 'per_project', true, true, 'https://ledger.example', null::text,
              array['validate_bill'], array['testConnection', 'push_bill', 'pull_rates'], 70, interval '2 hours')$$,
    'the provider row, defaults where the description is silent (is_active true, docs_url null); 70.0 is 70'
);
select set_eq(
    $$select c.country_code from public.integration_provider_countries as c join public.integration_providers as p on p.id = c.provider_id where p.key = 'reg_ledger'$$,
    array['GB', 'NZ'], 'its countries'
);
select results_eq(
    $$select f.key, f.default_trigger::text, f.default_trigger_config, f.sync_direction::text, f.entity_type, f.server_action,
             f.validation_action, f.is_active, f.sort_order, f.description
      from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
      where p.key = 'reg_ledger' order by f.sort_order$$,
    $$values ('bills', 'on_manual', '{"entity": "transactions"}'::jsonb, 'outbound', 'transaction', 'push_bill', 'validate_bill', true, 10, ''),
             ('rates', 'on_schedule', '{"entity": "projects", "schedule": "0 3 * * *"}', 'inbound', 'rate', 'pull_rates', null, true, 20, '')$$,
    'its features'
);
select is((select description from public.permissions where key = 'integration:sync:reg_ledger'),
    'Trigger manual syncs for Reg Ledger', 'its sync permission, described from its name');
select ok(exists (
    select from public.role_permissions as rp join public.roles as r on r.id = rp.role_id
    where r.key = 'project:owner' and rp.permission_key = 'integration:sync:reg_ledger'
), 'project:owner holds the new permission without a re-grant');

select tests.create_user('reg_owner');
insert into public.projects (id, name, country_code, created_by) values (tests.id('reg_project'), 'Reg', 'NZ', tests.user_id('reg_owner'));
select tests.authenticate_as('reg_owner');
select ok(private.has_permission(tests.id('reg_project'), 'integration:sync:reg_ledger'),
    'a project''s owner may sync the new provider');
select tests.clear_authentication();

create temporary table before_again as select pg_temp.rows_of('reg_ledger') as r;
select private.register_provider(pg_temp.ledger());
select is(pg_temp.rows_of('reg_ledger'), (select r from before_again), 'the same description again changes no row');

select private.register_provider(
    (
        jsonb_set(pg_temp.ledger(), '{features}', jsonb_build_array(
            pg_temp.ledger() #> '{features,0}' || '{"name": "Bills and credits"}',
            pg_temp.ledger() #> '{features,1}' || '{"is_active": false}'
        ))
        || '{"countries": ["GB"], "sync_permission_description": "Sync the ledger"}'
    ) - 'website_url'
);
select is((select website_url from public.integration_providers where key = 'reg_ledger'), null,
    'a field left out is reset to its default');
select set_eq(
    $$select c.country_code from public.integration_provider_countries as c join public.integration_providers as p on p.id = c.provider_id where p.key = 'reg_ledger'$$,
    array['GB'], 'a country no longer listed is removed'
);
select results_eq(
    $$select f.key, f.name, f.is_active from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
      where p.key = 'reg_ledger' order by f.key$$,
    $$values ('bills', 'Bills and credits', true), ('rates', 'Rates', false)$$,
    'a feature''s changed fields are updated'
);
select is((select description from public.permissions where key = 'integration:sync:reg_ledger'), 'Sync the ledger',
    'the permission''s description is updated');

-- The NZ project has the provider (auto-enabled) and an override of its rates feature.
insert into public.project_integration_features (project_integration_id, feature_id, is_enabled)
select pi.id, f.id, false
from public.project_integrations as pi
join public.integration_features as f on f.provider_id = pi.provider_id and f.key = 'rates'
where pi.project_id = tests.id('reg_project');
select ok(exists (
    select from public.project_integration_features as pif join public.integration_features as f on f.id = pif.feature_id
    where f.key = 'rates'
), 'the NZ project holds an override of the rates feature');
select throws_ok(
    $$select private.register_provider(pg_temp.ledger() #- '{features,1}')$$,
    'PB409', 'description.features: reg_ledger no longer lists feature "rates", but projects have settings or sync logs for it',
    'a feature projects have settings for is not deleted'
);
select lives_ok(
    $$select private.register_provider(jsonb_set(pg_temp.ledger(), '{features,1,is_active}', 'false'))$$,
    'it may stay, switched off'
);

delete from public.project_integration_features;
select private.register_provider(pg_temp.ledger() #- '{features,1}');
select is_empty(
    $$select from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
      where p.key = 'reg_ledger' and f.key = 'rates'$$,
    'an unused feature no longer listed is deleted'
);
select is(
    (select count(*)::integer from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
     where p.key = 'reg_ledger'), 1, 'the listed one stays'
);

select * from finish();
rollback;
