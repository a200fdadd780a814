-- QuickBooks change events — webhooks (CloudEvents or the legacy format, received by
-- functions/) and CDC polls (the fallback for missed webhooks) — enter here, once each:
-- an event already seen is ignored, a new one queues the realtime runs of the realm's
-- integrations for the changed entity (private.enqueue_realtime). An event is known by
-- realm, entity, id and change time (UTC, to the second), whichever way it arrived.
--   p_events: [{"entity": "Payment", "id": "42", "operation": "Create"|"Update"|...,
--               "time": "2026-11-25T10:00:00Z"}]
--   returns:  {"received": n, "duplicates": n, "log_ids": [uuid, ...]}
create table private.quickbooks_change_events (
    event_key text primary key,
    realm_id text not null,
    received_at timestamptz not null default now()
);

comment on table private.quickbooks_change_events is
'QuickBooks change events already taken in (webhooks and CDC), kept 30 days to ignore repeats.';

create index quickbooks_change_events_received_at_idx
on private.quickbooks_change_events (received_at);

revoke all on table private.quickbooks_change_events from public;
