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

-- The feature entity type a QuickBooks entity's changes concern.
create function private.quickbooks_entity_type(p_entity text)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select case p_entity
        when 'Payment' then 'payment'
        when 'Vendor' then 'vendor'
        when 'Customer' then 'customer'
        when 'Account' then 'account'
        when 'Class' then 'class'
        when 'TaxCode' then 'tax_code'
        when 'Purchase' then 'transaction'
        when 'Bill' then 'transaction'
        when 'Invoice' then 'transaction'
    end
$$;

create function private.quickbooks_receive_changes(p_realm_id text, p_events jsonb)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_received integer;
    v_new jsonb;
    v_log_ids uuid [];
begin
    v_received := pg_catalog.jsonb_array_length(p_events);
    with fresh as (
        insert into private.quickbooks_change_events (event_key, realm_id)
        select distinct
            pg_catalog.concat_ws('|', p_realm_id, e.value ->> 'entity', e.value ->> 'id', e.value ->> 'time'),
            p_realm_id
        from pg_catalog.jsonb_array_elements(p_events) as e
        on conflict (event_key) do nothing
        returning event_key
    )

    select coalesce(pg_catalog.jsonb_agg(e.value), '[]') into v_new
    from pg_catalog.jsonb_array_elements(p_events) as e
    where pg_catalog.concat_ws('|', p_realm_id, e.value ->> 'entity', e.value ->> 'id', e.value ->> 'time')
    in (select f.event_key from fresh as f);

    v_log_ids := array(
        select pg_catalog.unnest(private.enqueue_realtime(
            pi.id, c.entity_type, c.ids, pg_catalog.jsonb_build_object('source', 'quickbooks', 'events', c.events)
        ))
        from public.project_integrations as pi
        inner join public.integration_providers as p on pi.provider_id = p.id and p.key = 'quickbooks'
        cross join lateral (
            select
                private.quickbooks_entity_type(e.value ->> 'entity') as entity_type,
                array(select distinct i from pg_catalog.unnest(pg_catalog.array_agg(e.value ->> 'id')) as i) as ids,
                pg_catalog.jsonb_agg(e.value) as events
            from pg_catalog.jsonb_array_elements(v_new) as e
            where private.quickbooks_entity_type(e.value ->> 'entity') is not null
            group by 1
        ) as c
        where pi.external_account_id = p_realm_id and pi.is_enabled and pi.status = 'Connected'
    );
    delete from private.quickbooks_change_events as k where k.received_at < now() - interval '30 days';
    return pg_catalog.jsonb_build_object(
        'received', v_received,
        'duplicates', v_received - pg_catalog.jsonb_array_length(v_new),
        'log_ids', pg_catalog.to_jsonb(v_log_ids)
    );
end
$$;

comment on function private.quickbooks_receive_changes(text, jsonb) is
'Takes in QuickBooks change events of one realm (webhooks, CDC): repeats ignored, new ones '
'queue realtime runs. Returns {received, duplicates, log_ids}. service_role only.';

revoke all on table private.quickbooks_change_events from public;
revoke all on function private.quickbooks_entity_type(text) from public;
revoke all on function private.quickbooks_receive_changes(text, jsonb) from public;
grant execute on function private.quickbooks_entity_type(text) to service_role;
grant execute on function private.quickbooks_receive_changes(text, jsonb) to service_role;
