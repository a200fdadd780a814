-- The advisory lock that orders a fill of private.sync_log_day_counts against writes of a
-- closed day's logs in one project: the fill holds it exclusively, the invalidating
-- trigger shared (writers never wait for one another). A fill so either counts a write or
-- is deleted by it afterwards; without it a fill's snapshot could miss a write whose
-- invalidation ran before the fill's rows existed, and the stale count would stay.
create function private.sync_log_day_counts_lock(p_project_id uuid)
returns bigint
language sql immutable parallel safe
set search_path = ''
as $$
    select pg_catalog.hashtextextended('sync_log_day_counts:' || p_project_id::text, 0)
$$;

revoke all on function private.sync_log_day_counts_lock(uuid) from public;
