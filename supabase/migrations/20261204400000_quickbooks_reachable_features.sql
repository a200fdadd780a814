-- Every QuickBooks server action a person may start is a catalogue feature, so
-- integration_request_sync (permission integration:sync:quickbooks) and
-- `plugboard sync quickbooks <feature>` reach it. Before, qb_company_info,
-- verify_vendor_hash, verify_transaction_hash and qb_cdc_poll could only be queued through
-- private.enqueue_sync_run. The original design names the actions; the feature keys
-- follow the catalogue's habit (the action without its qb_ prefix).
--   company_info             qb_company_info: the company's name, country, currency, tax
--   verify_vendor_hash       verify_vendor_hash: one vendor (entity ids) against QuickBooks
--   verify_transaction_hash  verify_transaction_hash: likewise for one pushed transaction
--   cdc_poll                 qb_cdc_poll: ask change data capture now; the five-minute
--                            schedule (private.enqueue_quickbooks_cdc_polls) stays as it was
-- All start on request (on_manual); a project may give any of them another trigger.

insert into public.integration_features (
    provider_id, key, name, description, default_trigger, default_trigger_config,
    sync_direction, entity_type, server_action, sort_order
)
select
    p.id,
    f.key,
    f.name,
    f.description,
    'on_manual'::public.sync_trigger_type,
    f.config::jsonb,
    'inbound'::public.sync_direction,
    f.entity_type,
    f.server_action,
    f.sort_order
from (
    values
    (
        'company_info', 'Company info',
        'Read the connected QuickBooks company: its name, country, home currency and tax settings.',
        '{"entity": "projects"}', 'company', 'qb_company_info', 5
    ),
    (
        'verify_vendor_hash', 'Verify suppliers',
        'Check that what QuickBooks holds for a supplier is what Plugboard last sent; a supplier '
        || 'changed or deleted in QuickBooks is flagged stale. Give the relationships to check.',
        '{"entity": "project_relationships", "filter": {"entity_type": "Business", "role_can_be_vendor": true}}',
        'vendor', 'verify_vendor_hash', 100
    ),
    (
        'verify_transaction_hash', 'Verify transactions',
        'Check that what QuickBooks holds for a pushed expense, bill or invoice is what Plugboard '
        || 'last sent; one changed or deleted in QuickBooks is flagged stale. Give the transactions to check.',
        '{"entity": "transactions"}', 'transaction', 'verify_transaction_hash', 110
    ),
    (
        'cdc_poll', 'Poll QuickBooks changes',
        'Ask QuickBooks'' change data capture what changed since the last poll (the fallback for '
        || 'missed webhooks; it also runs every five minutes while a realtime feature is on).',
        '{"entity": "projects"}', 'change', 'qb_cdc_poll', 120
    )
) as f (key, name, description, config, entity_type, server_action, sort_order)
inner join public.integration_providers as p on p.key = 'quickbooks'
on conflict (provider_id, key) do update set
    name = excluded.name,
    description = excluded.description,
    default_trigger = excluded.default_trigger,
    default_trigger_config = excluded.default_trigger_config,
    sync_direction = excluded.sync_direction,
    entity_type = excluded.entity_type,
    server_action = excluded.server_action,
    sort_order = excluded.sort_order;
