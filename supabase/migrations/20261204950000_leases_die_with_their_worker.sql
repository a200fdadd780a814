-- A record lease dies with its worker (issue #22): a run of a worker killed while it held a
-- record kept it until the stalled-job sweeper retried its job, and the sweeper needs a
-- worker slot; when every slot held a run waiting for that record, nothing moved again.
-- The lease now names its procrastinate worker and is free once that worker has been
-- silent for the stalled timeout.

alter table private.run_record_leases add column worker_id bigint;

comment on table private.run_record_leases is
'Which run holds each record it pushes (service_role only): live while its log is in_progress at '
'that attempt and its worker beats its heartbeat.';

comment on column private.run_record_leases.worker_id is
'The procrastinate worker running the attempt (null: none recorded); its leases are free once '
'it is silent past the stalled timeout.';

drop function private.take_run_record_leases(uuid, integer, text[]);

-- Takes every key in p_keys for attempt p_attempt of log p_log_id, run by procrastinate
-- worker p_worker_id, or none: true when all are its own now. A key is free when no lease
-- names it, or its lease is this log's (an earlier attempt's or its own), or its run is no
-- longer in progress at its attempt, or its worker has been silent for p_stalled_after (its
-- row gone or its heartbeat older): a dead run's records do not wait for the sweeper that
-- retries its job, which may need a worker slot the runs waiting for them hold. All or
-- none, so a waiting run never holds a key another waits for (no deadlock between runs).
create function private.take_run_record_leases(
    p_log_id uuid, p_attempt integer, p_keys text[], p_worker_id bigint, p_stalled_after interval
)
returns boolean
language plpgsql volatile
set search_path = ''
as $$
declare
    v_taken integer;
begin
    insert into private.run_record_leases as r (key, log_id, attempt, worker_id)
    select k.key, p_log_id, p_attempt, p_worker_id
    from (select distinct unnest(p_keys) as key) as k
    order by k.key
    on conflict (key) do update
    set log_id = excluded.log_id, attempt = excluded.attempt, worker_id = excluded.worker_id,
        taken_at = now()
    where r.log_id = excluded.log_id
        or not exists (
            select 1 from public.integration_sync_logs as l
            where l.id = r.log_id and l.status = 'in_progress' and l.attempt = r.attempt
        )
        or (
            r.worker_id is not null
            and not exists (
                select 1 from procrastinate.procrastinate_workers as w
                where w.id = r.worker_id and w.last_heartbeat >= now() - p_stalled_after
            )
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

revoke all on function private.take_run_record_leases(uuid, integer, text[], bigint, interval) from public;

grant execute on function private.take_run_record_leases(uuid, integer, text[], bigint, interval) to service_role;
