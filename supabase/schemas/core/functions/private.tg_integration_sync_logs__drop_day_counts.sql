-- A log of a closed UTC day that is inserted late (a bulk load), deleted, changes status
-- (a run created before midnight that ends after it) or moves project or created_at:
-- its old and new day's cached counts (private.sync_log_day_counts) are dropped, and the
-- next chart counts those days again. The triggers' WHEN clauses leave today's logs out,
-- so the engine's inserts and status updates never call this.
create function private.tg_integration_sync_logs__drop_day_counts()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform pg_catalog.pg_advisory_xact_lock_shared(private.sync_log_day_counts_lock(old.project_id));
        delete from private.sync_log_day_counts as c
        where c.project_id = old.project_id and c.day = (old.created_at at time zone 'UTC')::date;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        perform pg_catalog.pg_advisory_xact_lock_shared(private.sync_log_day_counts_lock(new.project_id));
        delete from private.sync_log_day_counts as c
        where c.project_id = new.project_id and c.day = (new.created_at at time zone 'UTC')::date;
    end if;
    return null;
end
$$;

revoke all on function private.tg_integration_sync_logs__drop_day_counts() from public;
