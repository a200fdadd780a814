-- Proves (issue #18): a feature override (project_integration_features) names a feature of
-- its integration's own provider, whoever writes it: an owner with integration:manage, the
-- workers' role or service_role.
begin;
select plan(4);
select tests.create_rls_fixture();
insert into public.integration_features (
    id, provider_id, key, name, default_trigger, default_trigger_config, sync_direction, entity_type
) values (tests.id('feature_spare'), tests.id('provider_spare'), 'spare', 'Spare', 'on_manual', '{"entity": "projects"}', 'inbound', 'project');

select is(
    left(tests.outcome('rls_owner', $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled) values (tests.id('pi_a'), tests.id('feature_spare'), false)$$), 6),
    'PB409:',
    'owner of A overriding another provider''s feature on their integration: PB409'
);
select is(
    tests.outcome('postgres', $$update public.project_integration_features set feature_id = tests.id('feature_spare') where id = tests.id('pif_a')$$),
    'PB409: this feature is not one of the integration''s provider''s features',
    'the workers'' role cannot swap an override onto another provider''s feature'
);
select is(
    left(tests.outcome('service_role', $$insert into public.project_integration_features (project_integration_id, feature_id) values (tests.id('pi_a'), tests.id('feature_spare'))$$), 6),
    'PB409:',
    'nor can service_role'
);
select is(
    tests.outcome('rls_owner', $$insert into public.project_integration_features (project_integration_id, feature_id, is_enabled) values (tests.id('pi_a'), tests.id('feature_2'), false)$$),
    'rows 1',
    'a feature of the integration''s provider is fine'
);

select * from finish();
rollback;
