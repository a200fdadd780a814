create function private.enqueue_quickbooks_cdc_polls()
returns integer
language sql volatile security definer
set search_path = ''
as $$
    select pg_catalog.count(private.enqueue_sync_run(
        pi.id, null, 'realtime', 'qb_cdc_poll', null, null, '{}'::jsonb, null
    ))::integer
    from public.project_integrations as pi
    inner join public.integration_providers as p on pi.provider_id = p.id and p.key = 'quickbooks'
    where pi.is_enabled and pi.status = 'Connected' and pi.external_account_id is not null
        and exists (
            select from private.features_triggered_by('realtime', null, array[pi.id]) as f
        )
$$;

comment on function private.enqueue_quickbooks_cdc_polls() is
'Queues one qb_cdc_poll run per connected QuickBooks integration with a realtime feature.';

revoke all on function private.enqueue_quickbooks_cdc_polls() from public;

grant execute on function private.enqueue_quickbooks_cdc_polls() to service_role;
