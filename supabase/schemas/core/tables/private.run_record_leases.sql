-- Which run holds each record it is pushing (python_workers/engine/run_db.py, issue #22).
create table private.run_record_leases (
    key text primary key,
    log_id uuid not null references public.integration_sync_logs (id) on delete cascade,
    attempt integer not null check (attempt >= 0),
    taken_at timestamptz not null default now(),
    worker_id bigint
);

create index run_record_leases_log_id_idx on private.run_record_leases (log_id);

comment on table private.run_record_leases is
'Which run holds each record it pushes (service_role only): live while its log is in_progress at '
'that attempt and its worker beats its heartbeat.';

comment on column private.run_record_leases.worker_id is
'The procrastinate worker running the attempt (null: none recorded); its leases are free once '
'it is silent past the stalled timeout.';

revoke all on table private.run_record_leases from public;

grant select, insert, update, delete on table private.run_record_leases to service_role;
