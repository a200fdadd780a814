-- A run already waiting is handed back only to a caller of the same trigger type: the
-- queueing lock is the run key plus the trigger, the lock stays the run key. So a
-- person's "Send To" or "Sync now" gets a run (and a log naming them) even while an
-- automatic run of the same work waits, and the two still never overlap; a second status
-- change, a second click or a second planning tick still finds the waiting run of its own
-- kind.
create function private.sync_run_queueing_lock(p_lock text, p_trigger public.sync_trigger_type)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
    select p_lock || '#' || p_trigger::text
$$;

revoke all on function private.sync_run_queueing_lock(text, public.sync_trigger_type) from public;
