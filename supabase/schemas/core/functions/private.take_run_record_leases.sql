-- Takes every key in p_keys for attempt p_attempt of log p_log_id, or none: true when all
-- are its own now. A key is free when no lease names it, or its lease is this log's (an
-- earlier attempt's or its own), or its run is no longer in progress at its attempt. All or
-- none, so a waiting run never holds a key another waits for (no deadlock between runs).
create function private.take_run_record_leases(p_log_id uuid, p_attempt integer, p_keys text[])
returns boolean
language plpgsql volatile
set search_path = ''
as $$
declare
    v_taken integer;
begin
    insert into private.run_record_leases as r (key, log_id, attempt)
    select k.key, p_log_id, p_attempt
    from (select distinct unnest(p_keys) as key) as k
    order by k.key
    on conflict (key) do update
    set log_id = excluded.log_id, attempt = excluded.attempt, taken_at = now()
    where r.log_id = excluded.log_id
        or not exists (
            select 1 from public.integration_sync_logs as l
            where l.id = r.log_id and l.status = 'in_progress' and l.attempt = r.attempt
        );
    get diagnostics v_taken = row_count;
    if v_taken < (select count(distinct k) from unnest(p_keys) as k) then
        raise exception 'record leases held by another run' using errcode = 'PB409';
    end if;
    return true;
exception
    when sqlstate 'PB409' then
        return false;  -- the block's subtransaction gave back what this call took
end;
$$;

revoke all on function private.take_run_record_leases(uuid, integer, text[]) from public;

grant execute on function private.take_run_record_leases(uuid, integer, text[]) to service_role;
