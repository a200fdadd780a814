-- Proves: which runs integration_retry_sync refuses because they need the browser values
-- of the person who asks is the catalogue's word (integration_features.needs_browser_values,
-- a feature field of private.register_provider), not a provider's name: HMRC flags its VAT
-- obligations and VAT return submission; a fixture_ledger feature flagged the same way is
-- refused with its provider's name in the message, and retried once the flag is off; a
-- description giving the field as anything but a boolean is refused, naming it.
begin;
select plan(6);
select tests.client_action_fixture();

select results_eq(
    $$select f.key from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
      where p.key = 'hmrc' and f.needs_browser_values order by f.key$$,
    $$values ('vat_obligations'), ('vat_return_submission')$$,
    'HMRC flags its two VAT features'
);
select is(
    (select count(*)::int from public.integration_features where needs_browser_values
     and provider_id <> (select id from public.integration_providers where key = 'hmrc')),
    0, 'no other provider''s feature is flagged'
);

-- a failed run of fixture_ledger's entries feature, its integration Connected
update public.project_integrations set status = 'Connected'
where id = tests.integration_id('ca_project', 'fixture_ledger');
insert into public.integration_sync_logs (
    id, project_id, project_integration_id, provider_id, feature_id, trigger_type, direction, status,
    action, entity_type, entity_id, error_code, error_message, attempt, details, started_at, finished_at
)
select tests.id('entries_failed'), pi.project_id, pi.id, pi.provider_id, f.id, 'on_manual', f.sync_direction,
    'failed', f.server_action, 'transaction', tests.id('tx_expense')::text, 'boom', 'it broke', 1,
    jsonb_build_object('params', jsonb_build_object('feature', 'entries')), now() - interval '1 minute', now()
from public.project_integrations as pi
inner join public.integration_features as f on f.provider_id = pi.provider_id and f.key = 'entries'
where pi.id = tests.integration_id('ca_project', 'fixture_ledger');

update public.integration_features set needs_browser_values = true
where key = 'entries' and provider_id = (select id from public.integration_providers where key = 'fixture_ledger');
select is(
    tests.rpc_outcome('ca_owner', null,
        format('select to_jsonb(public.integration_retry_sync(%L))', tests.id('entries_failed'))),
    jsonb_build_object('outcome', 'PB409', 'written', 0, 'message',
        'Ledger entries cannot be retried from here: Fixture Ledger needs your browser''s details with each such '
        || 'call (fraud-prevention headers). Submit it again from the app'),
    'flagged: refused, naming the feature and its provider, nothing written'
);

update public.integration_features set needs_browser_values = false
where key = 'entries' and provider_id = (select id from public.integration_providers where key = 'fixture_ledger');
select is(
    tests.rpc_outcome('ca_owner', null,
        format('select to_jsonb(public.integration_retry_sync(%L))', tests.id('entries_failed'))) ->> 'written',
    '1', 'not flagged: the same run is retried (one new log)'
);

select throws_ok(
    $$select private.register_provider('{
        "key": "browser_probe", "name": "Browser probe", "auth_method": "api_key", "credential_scope": "global",
        "server_actions": ["probe"],
        "features": [{"key": "probe", "name": "Probe", "default_trigger": "on_manual",
            "default_trigger_config": {"entity": "projects"}, "sync_direction": "inbound",
            "entity_type": "probe", "server_action": "probe", "needs_browser_values": "yes"}]
    }')$$,
    'PB422', 'description.features[0].needs_browser_values: must be boolean, not string',
    'the field must be a boolean'
);
select private.register_provider('{
    "key": "browser_probe", "name": "Browser probe", "auth_method": "api_key", "credential_scope": "global",
    "server_actions": ["probe"],
    "features": [{"key": "probe", "name": "Probe", "default_trigger": "on_manual",
        "default_trigger_config": {"entity": "projects"}, "sync_direction": "inbound",
        "entity_type": "probe", "server_action": "probe", "needs_browser_values": true}]
}');
select is(
    (select f.needs_browser_values from public.integration_features as f
     join public.integration_providers as p on p.id = f.provider_id where p.key = 'browser_probe'),
    true, 'register_provider writes it'
);

select * from finish();
rollback;
