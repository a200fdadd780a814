-- Record leases: runs pushing the same record take turns across their short transactions
-- (issue #22). A run no longer holds one transaction (and so no transaction-scoped advisory
-- lock) from reading a record to committing its mapping: it holds a lease row instead, in
-- its own short transaction, until its progress commits (python_workers/engine/run_db.py).
-- A lease is live while its run's log is in_progress at the attempt that took it: a failed
-- or finished attempt, or a newer attempt of the same log (the retry of a worker that died),
-- frees it without a sweeper.

create table private.run_record_leases (
    key text primary key,
    log_id uuid not null references public.integration_sync_logs (id) on delete cascade,
    attempt integer not null check (attempt >= 0),
    taken_at timestamptz not null default now()
);

create index run_record_leases_log_id_idx on private.run_record_leases (log_id);

comment on table private.run_record_leases is
'Which run holds each record it is pushing (service_role only): live while the log is in_progress at that attempt.';

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

-- Frees the leases of log p_log_id (its progress committed, or the run ended).
create function private.give_back_run_record_leases(p_log_id uuid)
returns void
language sql volatile
set search_path = ''
as $$
    delete from private.run_record_leases where log_id = p_log_id;
$$;

revoke all on table private.run_record_leases from public;
grant select, insert, update, delete on table private.run_record_leases to service_role;
revoke all on function private.take_run_record_leases(uuid, integer, text[]) from public;
revoke all on function private.give_back_run_record_leases(uuid) from public;
grant execute on function private.take_run_record_leases(uuid, integer, text[]) to service_role;
grant execute on function private.give_back_run_record_leases(uuid) to service_role;
