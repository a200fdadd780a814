-- Proves: private.register_provider refuses a description of the wrong shape with PB422
-- and a message naming the field — not an object, an unknown key (provider or feature), a
-- required key missing, a value of the wrong JSON type, a key the catalogue cannot hold,
-- a value not of its enum, a country that is not ISO, an entry listed twice, a feature's
-- server or validation action the provider does not list, a sort order that is not whole,
-- an interval that is not one — and an invalid default trigger config with PB400 naming
-- the feature; a refused description writes nothing.
begin;
select plan(30);

-- A valid description; each case breaks one thing in it.
create function pg_temp.valid() returns jsonb language sql as $$
    select '{
        "key": "reg_bad", "name": "Reg Bad", "auth_method": "api_key", "credential_scope": "per_project",
        "countries": ["GB"], "client_actions": ["validate_thing"], "server_actions": ["push_thing"],
        "features": [{
            "key": "things", "name": "Things", "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"}, "sync_direction": "outbound",
            "entity_type": "thing", "server_action": "push_thing", "validation_action": "validate_thing"
        }]
    }'::jsonb
$$;

create function pg_temp.error_of(p_description jsonb) returns text language sql as $$
    select tests.error_of(format('select private.register_provider(%L::jsonb)', p_description))
$$;

select is(pg_temp.error_of(pg_temp.valid()), null, 'the valid description registers');
select is(pg_temp.error_of((pg_temp.valid() - 'client_actions' - 'server_actions') #- '{features,0,validation_action}' #- '{features,0,server_action}'),
    null, 'so does one without actions whose feature names none');

select is(pg_temp.error_of('[]'), 'PB422: description: must be a JSON object, not array', 'not an object');
select is(pg_temp.error_of(pg_temp.valid() || '{"colour": "red"}'),
    'PB422: description.colour: not a field of this description', 'an unknown provider key');
select is(pg_temp.error_of(pg_temp.valid() - 'name'), 'PB422: description.name: required, missing', 'name missing');
select is(pg_temp.error_of(pg_temp.valid() - 'auth_method'),
    'PB422: description.auth_method: required, missing', 'auth_method missing');
select is(pg_temp.error_of(pg_temp.valid() || '{"name": null}'),
    'PB422: description.name: must be string, not null', 'a required key null');
select is(pg_temp.error_of(pg_temp.valid() || '{"countries": "GB"}'),
    'PB422: description.countries: must be array, not string', 'countries not an array');
select is(pg_temp.error_of(pg_temp.valid() || '{"auto_enable_for_country": "yes"}'),
    'PB422: description.auto_enable_for_country: must be boolean, not string', 'a boolean as a string');
select is(pg_temp.error_of(pg_temp.valid() || '{"website_url": 3}'),
    'PB422: description.website_url: must be string or null, not number', 'a nullable string as a number');
select is(pg_temp.error_of(pg_temp.valid() || '{"key": "Reg-Bad"}'),
    'PB422: description.key: "Reg-Bad" is not a key (lower-case letters, digits and _, a letter first)',
    'a key the catalogue cannot hold');
select is(pg_temp.error_of(pg_temp.valid() || '{"auth_method": "password"}'),
    'PB422: description.auth_method: "password" is not one of oauth2, api_key, basic_auth, saml, jwt, certificate, webhook, none',
    'an auth method that is not one');
select is(pg_temp.error_of(pg_temp.valid() || '{"credential_scope": "tenant"}'),
    'PB422: description.credential_scope: "tenant" is not one of global, per_project', 'a credential scope that is not one');
select is(pg_temp.error_of(pg_temp.valid() || '{"countries": ["GB", "UK"]}'),
    'PB422: description.countries[1]: "UK" is not an ISO 3166-1 alpha-2 code (GB, US, …)', 'a country that is not ISO');
select is(pg_temp.error_of(pg_temp.valid() || '{"countries": ["GB", 44]}'),
    'PB422: description.countries[1]: must be a non-empty string, not 44', 'a country that is not a string');
select is(pg_temp.error_of(pg_temp.valid() || '{"server_actions": ["push_thing", "push_thing"]}'),
    'PB422: description.server_actions[1]: "push_thing" is listed twice', 'an action listed twice');
select is(pg_temp.error_of(pg_temp.valid() || '{"sort_order": 1.5}'),
    'PB422: description.sort_order: must be a whole number, not 1.5', 'a sort order that is not whole');
select is(pg_temp.error_of(pg_temp.valid() || '{"min_schedule_interval": "hourly"}'),
    'PB422: description.min_schedule_interval: "hourly" is not a positive interval such as "1 hour"',
    'an interval that is not one');
select is(pg_temp.error_of(pg_temp.valid() || '{"min_schedule_interval": "-1 hour"}'),
    'PB422: description.min_schedule_interval: "-1 hour" is not a positive interval such as "1 hour"',
    'a negative interval');

select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0}', '"things"')),
    'PB422: description.features[0]: must be a JSON object, not string', 'a feature that is not an object');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,schedule}', '"0 3 * * *"')),
    'PB422: description.features[0].schedule: not a field of this description', 'an unknown feature key');
select is(pg_temp.error_of(pg_temp.valid() #- '{features,0,entity_type}'),
    'PB422: description.features[0].entity_type: required, missing', 'a feature''s entity_type missing');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,default_trigger}', '"nightly"')),
    'PB422: description.features[0].default_trigger: "nightly" is not one of on_status_change, on_manual, on_schedule, on_link, realtime',
    'a trigger that is not one');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,sync_direction}', '"sideways"')),
    'PB422: description.features[0].sync_direction: "sideways" is not one of inbound, outbound, bidirectional',
    'a direction that is not one');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,server_action}', '"push_things"')),
    'PB422: description.features[0].server_action: "push_things" is not one of the provider''s server_actions',
    'a server action the provider does not list');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,validation_action}', '"check_thing"')),
    'PB422: description.features[0].validation_action: "check_thing" is not one of the provider''s client_actions',
    'a validation action the provider does not list');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,key}', '"Things"')),
    'PB422: description.features[0].key: "Things" is not a key (lower-case letters, digits and _, a letter first)',
    'a feature key the catalogue cannot hold');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,1}', pg_temp.valid() #> '{features,0}', true)),
    'PB422: description.features: "things" is listed twice', 'a feature listed twice');
select is(pg_temp.error_of(jsonb_set(pg_temp.valid(), '{features,0,default_trigger_config}', '{"entity": "planets"}')),
    'PB400: description.features[0].default_trigger_config.entity: "planets" is not a host table features may watch (project_relationships, transactions, transaction_lines, projects)',
    'an invalid default trigger config, named with its feature');

select is_empty($$select from public.integration_providers where key = 'reg_bad'$$, 'a refused description writes nothing');

select * from finish();
rollback;
