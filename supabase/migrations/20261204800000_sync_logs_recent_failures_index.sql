-- `plugboard status` counts the last hour's failed runs by error code across every
-- project (python_workers/engine/queue_stats.py). The logs' indexes all lead with a
-- project or integration, so that count read the whole table; this partial index holds
-- only failed logs, by when they finished, and costs nothing for the others.
create index integration_sync_logs_failed_finished_idx
on public.integration_sync_logs (finished_at)
where status = 'failed';
