-- Proves: integration_api_key_state tells a member holding integration:manage whether the
-- Companies House key is set and was accepted by a real call, that it is global (the
-- deployment's, set by its operator, not by the project) -- and never the key; a member
-- without the permission and a person outside the project get PB403 alike, and an OAuth
-- provider's integration is PB400.
begin;
select plan(8);

select tests.client_action_fixture();

create temp table ch on commit drop as
select tests.integration_id('ca_project', 'companies_house') as id;
grant select on ch to public;

select tests.authenticate_as('ca_owner');
select is(
    (select public.integration_api_key_state(ch.id) - 'updated_at' - 'verified_at' from ch),
    '{"scope": "global", "is_set": false, "set_by": "operator", "may_set": false}'::jsonb,
    'owner, no key yet: not set, global, set by the operator, not by the project'
);
reset role;

select public.integration_set_api_key('companies_house', 'ch-state-secret-key-42');

select tests.authenticate_as('ca_owner');
select is(
    (select (r ->> 'is_set')::boolean from ch, public.integration_api_key_state(ch.id) as r),
    true, 'owner, key set: is_set'
);
select is(
    (select r ->> 'verified_at' from ch, public.integration_api_key_state(ch.id) as r),
    null, 'a new key is untested until a real call accepts it'
);
select ok(
    (select public.integration_api_key_state(ch.id)::text !~ 'ch-state-secret-key-42' from ch),
    'the answer never carries the key'
);
reset role;

update public.integration_credentials set verified_at = now()
where scope = 'global'
    and provider_id = (select id from public.integration_providers where key = 'companies_house');
select tests.authenticate_as('ca_owner');
select isnt(
    (select r ->> 'verified_at' from ch, public.integration_api_key_state(ch.id) as r),
    null, 'once a real call accepted it, verified_at says when'
);

select tests.authenticate_as('ca_member');
select throws_ok(
    format('select public.integration_api_key_state(%L)', (select id from ch)), 'PB403', null,
    'a member without integration:manage: PB403'
);
select tests.authenticate_as('ca_outsider');
select throws_ok(
    format('select public.integration_api_key_state(%L)', (select id from ch)), 'PB403', null,
    'a person outside the project: PB403, as for an unknown id'
);
select tests.authenticate_as('ca_owner');
select throws_ok(
    format('select public.integration_api_key_state(%L)', tests.integration_id('ca_project', 'quickbooks')),
    'PB400', null, 'an OAuth provider''s integration: PB400'
);

select * from finish();
rollback;
