create trigger "50_global_credential_refused"
after update of status on public.integration_sync_logs
for each row
when (new.status = 'failed' and old.status <> 'failed' and new.error_code = 'invalid_api_key')
execute function private.tg_integration_sync_logs__global_credential_refused();

create constraint trigger "05_same_project_insert"
after insert on public.integration_sync_logs
for each row execute function private.tg_integration_sync_logs__same_project();

-- an update re-checks only when what the run is about changes: a run whose record was
-- deleted meanwhile must still be able to record how it ended
create constraint trigger "05_same_project_update"
after update on public.integration_sync_logs
for each row when (
    old.project_integration_id is distinct from new.project_integration_id
    or old.project_id is distinct from new.project_id
    or old.provider_id is distinct from new.provider_id
    or old.feature_id is distinct from new.feature_id
    or old.trigger_type is distinct from new.trigger_type
    or old.entity_type is distinct from new.entity_type
    or old.entity_id is distinct from new.entity_id
    or old.details -> 'params' is distinct from new.details -> 'params'
)
execute function private.tg_integration_sync_logs__same_project();

-- The chart's cache of closed days (private.sync_log_day_counts): only a log of a day
-- before today (UTC, by the clock, not the transaction's start) calls the function; the
-- engine's inserts and status updates of today's runs stop at the WHEN clause. Today's
-- midnight (UTC) is date_bin from the epoch: plain arithmetic, where date_trunc with a
-- zone looks the zone up on every row.
create trigger "60_drop_day_counts_insert"
after insert on public.integration_sync_logs
for each row
when (new.created_at < pg_catalog.date_bin('1 day', pg_catalog.clock_timestamp(), '1970-01-01 00:00Z'))
execute function private.tg_integration_sync_logs__drop_day_counts();

create trigger "60_drop_day_counts_update"
after update on public.integration_sync_logs
for each row
when (
    (
        old.status is distinct from new.status
        or old.project_id is distinct from new.project_id
        or old.created_at is distinct from new.created_at
    )
    and least(old.created_at, new.created_at)
    < pg_catalog.date_bin('1 day', pg_catalog.clock_timestamp(), '1970-01-01 00:00Z')
)
execute function private.tg_integration_sync_logs__drop_day_counts();

create trigger "60_drop_day_counts_delete"
after delete on public.integration_sync_logs
for each row
when (old.created_at < pg_catalog.date_bin('1 day', pg_catalog.clock_timestamp(), '1970-01-01 00:00Z'))
execute function private.tg_integration_sync_logs__drop_day_counts();
