"""The sync log's transitions, as the worker writes them.

  claim   pending | in_progress -> in_progress: attempt n starts (started_at: the first),
          in the statement that fetches its job
  finish  -> success | partial_success | failed, with counts, in the run's last short
             transaction (with what the action wrote after its last provider call, and
             the job's acknowledgement)
  fail    -> pending (another attempt at next_attempt_at) | failed or partial_success (the
             last attempt: partial_success when records committed by a run's progress
             (progress.py) were done; the records it had planned and not done count failed)
Every attempt that ends is appended to details.attempts ({attempt, status, error_code,
error_message, at}), so a log shows each try. A log already final is not claimed again:
its job is a leftover (the worker died between committing the run and acknowledging the
job) and the run's effect must not happen twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from python_workers.engine.errors import SyncError
from python_workers.engine.outcome import Outcome
from python_workers.engine.retry import attempt_message, in_seconds
from python_workers.engine.run_db import RunDatabase


@dataclass(frozen=True)
class Run:
    log_id: UUID
    attempt: int
    project_id: UUID
    project_integration_id: UUID | None
    provider_id: UUID
    provider_key: str
    feature_id: UUID | None
    action: str
    params: dict[str, Any]
    integration_status: str | None
    external_account_id: str | None
    settings: dict[str, Any]
    progress: dict[str, Any]


# The fetch of a sync job and the claim of its log, in one statement on the queue's
# connection (jobs.py): procrastinate's own fetch (the job turns `doing`), then the log it
# names turns in_progress for attempt `attempts + 1` (private.claim_sync_run, whose own
# snapshot sees the log committed with the job). A job of another task, or whose log is
# already final (a leftover: the worker died between committing the run and acknowledging
# the job), comes back with the run's columns null.
FETCH_AND_CLAIM_SQL = """
with job as (
    select j.id, j.status, j.task_name, j.priority, j.lock, j.queueing_lock, j.args, j.scheduled_at,
        j.queue_name, j.attempts, j.worker_id
    from procrastinate.procrastinate_fetch_job_v2(%(queues)s::varchar[], %(worker_id)s) as j
)
select job.*, run.*
from job
left join lateral private.claim_sync_run((job.args ->> 'log_id')::uuid, job.attempts + 1) as run
    on job.task_name = %(sync_task)s
"""

ATTEMPT = """
jsonb_build_object('attempt', %(attempt)s::integer, 'status', %(status)s::text,
    'error_code', %(error_code)s::text, 'error_message', %(error_message)s::text,
    'error_details', %(error_details)s::jsonb, 'at', now())
"""

# The log's final status, the feature's last run noted, and the job acknowledged, in one
# round trip. Runs of one feature finishing at once would queue behind each other on its
# row: a run that finds the row locked leaves it to the other, which is noting a run of the
# same moment. The acknowledgement is procrastinate's finish_job with delete_job (what the
# worker's delete_jobs="always" asks for), committed with the log's final status: the
# worker then skips its own (jobs.py), and a log can no longer be final while its job
# still shows `doing`.
FINISH_SQL = f"""
with finished as (
    update public.integration_sync_logs as l
    set status = %(status)s::public.sync_status, finished_at = now(),
        records_processed = %(processed)s, records_created = %(created)s,
        records_updated = %(updated)s, records_linked = %(linked)s,
        records_skipped = %(skipped)s,
        records_failed = %(failed)s,
        external_id = coalesce(%(external_id)s, l.external_id),
        error_code = %(error_code)s, error_message = %(error_message)s,
        details = l.details || %(details)s
            || jsonb_build_object('attempts', coalesce(l.details -> 'attempts', '[]') || {ATTEMPT})
            - 'next_attempt_at' - 'progress'  -- the result holds it now
    where l.id = %(log_id)s
    returning l.project_integration_id, l.feature_id
),
feature as (
    select pif.id from public.project_integration_features as pif
    inner join finished
        on pif.project_integration_id = finished.project_integration_id
        and pif.feature_id = finished.feature_id
    for update of pif skip locked
),
noted as (
    update public.project_integration_features as pif
    set last_run_at = now()
    from feature
    where pif.id = feature.id
),
acknowledged as (
    delete from procrastinate.procrastinate_jobs as j
    where j.id = %(job_id)s and j.status = 'doing'
    returning j.id
)
select exists (select from acknowledged) as acknowledged
"""

# The last attempt gives up: what the run's progress committed stays counted (its records
# are in the provider and mapped), the records it planned and did not reach count failed.
FAIL_SQL = f"""
update public.integration_sync_logs as l
set status = case when %(next_attempt_at)s::timestamptz is not null then 'pending'
                  when l.records_created + l.records_updated + l.records_linked
                      + l.records_skipped > 0
                  then 'partial_success' else 'failed' end::public.sync_status,
    finished_at = case when %(next_attempt_at)s::timestamptz is null then now() end,
    records_processed = l.records_processed + case when %(next_attempt_at)s::timestamptz is null
        then coalesce(jsonb_array_length(l.details -> 'progress' -> 'pending'), 0) else 0 end,
    records_failed = l.records_failed + case when %(next_attempt_at)s::timestamptz is null
        then coalesce(jsonb_array_length(l.details -> 'progress' -> 'pending'), 0) else 0 end,
    error_code = %(error_code)s, error_message = %(error_message)s,
    details = l.details
        || jsonb_build_object('attempts', coalesce(l.details -> 'attempts', '[]') || {ATTEMPT})
        || jsonb_build_object('next_attempt_at', %(next_attempt_at)s::timestamptz)
where l.id = %(log_id)s and l.status in ('pending', 'in_progress')
"""


def claimed_run(row: dict[str, Any]) -> Run | None:
    """The run FETCH_AND_CLAIM_SQL claimed in `row`, if it claimed one."""
    if row["log_id"] is None:
        return None
    return Run(**{field: row[field] for field in Run.__dataclass_fields__})


async def finish(db: RunDatabase, run: Run, outcome: Outcome, job_id: int) -> bool:
    """The run's last transaction: its final status, with whatever it wrote since its last
    commit, and job `job_id` acknowledged; False when the job was not there to acknowledge
    (then procrastinate's own acknowledgement runs, and says why it cannot)."""
    counts = outcome.counts
    row = await db.commit_with(
        FINISH_SQL,
        {
            "log_id": run.log_id,
            "attempt": run.attempt,
            "status": outcome.status,
            "processed": counts.records_processed,
            "created": counts.records_created,
            "updated": counts.records_updated,
            "linked": counts.records_linked,
            "skipped": counts.records_skipped,
            "failed": counts.records_failed,
            "external_id": counts.external_id,
            "error_code": outcome.error_code,
            "error_message": outcome.error_message,
            "details": Jsonb(counts.details),
            "error_details": None,
            "job_id": job_id,
        },
    )
    return row is not None and bool(row[0])


async def fail(
    conn: psycopg.AsyncConnection[Any],
    log_id: UUID,
    attempt: int,
    error: SyncError,
    retry_in: float | None,
) -> None:
    """Attempt `attempt` failed: the log waits for the next one (in `retry_in` seconds), or
    the run gives up, and its message says which."""
    # the attempt is over: the records it held are free (run_db.py); first, so that the
    # log turning final stays the attempt's last write
    await conn.execute("select private.give_back_run_record_leases(%s)", (log_id,))
    await conn.execute(
        FAIL_SQL,
        {
            "log_id": log_id,
            "attempt": attempt,
            "status": "failed",
            "error_code": error.code,
            "error_message": attempt_message(error, attempt, retry_in),
            "error_details": Jsonb(error.details) if error.details else None,
            "next_attempt_at": None if retry_in is None else in_seconds(retry_in),
        },
    )
