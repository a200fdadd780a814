create or replace view public.v_integration_sync_logs
with (security_invoker = true) as
select
    l.id,
    l.project_id,
    l.project_integration_id,
    l.provider_id,
    p.key as provider_key,
    p.name as provider_name,
    l.feature_id,
    f.key as feature_key,
    f.name as feature_name,
    l.trigger_type,
    l.direction,
    l.status,
    l.action,
    l.entity_type,
    l.entity_id,
    l.external_id,
    l.records_processed,
    l.records_created,
    l.records_updated,
    l.records_skipped,
    l.records_failed,
    l.error_code,
    l.error_message,
    l.attempt,
    l.details,
    l.requested_by,
    l.created_at,
    l.started_at,
    l.finished_at,
    l.duration_ms,
    l.records_linked
from public.integration_sync_logs as l
inner join public.integration_providers as p on l.provider_id = p.id
left join public.integration_features as f on l.feature_id = f.id;

revoke all on public.v_integration_sync_logs from anon;

grant select on public.v_integration_sync_logs to authenticated, service_role;

revoke insert, update, delete on public.v_integration_sync_logs from authenticated;
