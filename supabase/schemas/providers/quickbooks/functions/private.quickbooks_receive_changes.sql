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

revoke all on function private.quickbooks_receive_changes(text, jsonb) from public;

grant execute on function private.quickbooks_receive_changes(text, jsonb) to service_role;
