"""Four things procrastinate leaves to its users, done here, and two round trips saved.

Fewer round trips. A sync job's fetch also claims its log (one statement:
logs.FETCH_AND_CLAIM_SQL), and a run that ends acknowledges its job in the transaction
that writes its final status (logs.FINISH_SQL): a no-op run costs procrastinate's two
statements, not four. The manager keeps what the fetch claimed until the task takes it,
and skips the acknowledgement a run already made.

Lost wake-ups. A worker clears its "new job" flag after each fetch; a NOTIFY arriving
while that fetch runs (the job committed just after the fetch looked) is cleared with it,
and the job waits for the next poll (seen as a 1 s p99 in `plugboard bench engine`). The
job manager counts notifications and fetches again when one arrived during a fetch that
found nothing.

Superseded retries. A job keeps its queueing lock when it is retried, and at most one
*waiting* job may hold a queueing lock: if a newer run of the same work was queued while
this one ran, procrastinate cannot put this one back (unique_violation on
procrastinate_jobs_queueing_lock_idx_v1, procrastinate issues #1446 and #1543) and the job
would stay `doing` for ever. The newer run does the same work with fresher data, so this
run ends: its job failed, its log failed saying which run took over.

Pruned while alive. A worker that starts deletes the rows of workers silent past the
stalled timeout (a live one too, when a long pause or an overloaded machine delayed its
heartbeat); the pruned worker's next fetch then fails on its missing row (a foreign key)
and procrastinate stops it. Its heartbeat and fetch put the row back under the same id
instead, and it goes on; the jobs it was running meanwhile may be retried as stalled
(below), which the sync log's claim and the provider's requestids make harmless.

Stalled jobs. A worker killed with SIGKILL leaves its jobs `doing`; procrastinate records
worker heartbeats and lists the jobs of workers silent for too long, but retrying them is
left to a periodic task: retry_stalled below, deferred by every worker's periodic deferrer
(one job per tick across all workers). A lost attempt counts as an attempt; past the last
one the run fails.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

import psycopg
from procrastinate import exceptions, jobs, manager
from psycopg_pool import AsyncConnectionPool

from python_workers.engine import logs, metrics
from python_workers.engine.errors import RetryableSyncError
from python_workers.engine.retry import RetryPolicy, in_seconds

logger = logging.getLogger("plugboard.engine")

SYNC_TASK = "plugboard.sync_run"

# procrastinate's heartbeat, registering the worker again when a peer pruned it
HEARTBEAT_SQL = """
insert into procrastinate_workers (id, last_heartbeat)
overriding system value
values (%(worker_id)s, now())
on conflict (id) do update set last_heartbeat = excluded.last_heartbeat
"""

SUPERSEDED_SQL = """
update public.integration_sync_logs as l
set status = 'failed', finished_at = now(), error_code = 'superseded',
    error_message = coalesce(l.error_message || '; ', '')
        || 'a newer run of the same work is queued (' || coalesce(newer.id::text, '?') || ')',
    details = l.details || jsonb_build_object('superseded_by', newer.id, 'next_attempt_at', null)
from (select (select (j.args ->> 'log_id')::uuid from procrastinate.procrastinate_jobs as j
              where j.queueing_lock = %(queueing_lock)s and j.status = 'todo') as id) as newer
where l.id = %(log_id)s and l.status in ('pending', 'in_progress')
"""


def log_id_of(job: Any) -> UUID | None:
    value = job.task_kwargs.get("log_id") if job.task_name == SYNC_TASK else None
    return None if value is None else UUID(value)


class PlugboardJobManager(manager.JobManager):
    """procrastinate's JobManager that does not lose wake-ups and whose retries give way to
    a newer waiting job."""

    def __init__(self, connector: Any, pool: Callable[[], AsyncConnectionPool[Any]]) -> None:
        super().__init__(connector)
        self._pool = pool
        self._notifications = 0
        self.listening = False  # the NOTIFY listener runs (the worker's /healthz reads it)
        self._claimed: dict[int, logs.Run | None] = {}  # job id -> the run its fetch claimed
        self._acknowledged: set[int] = set()  # jobs whose run acknowledged them already

    def take_claimed_run(self, job_id: int) -> logs.Run | None:
        """The run the fetch of job `job_id` claimed; None when its log was already final."""
        return self._claimed.pop(job_id)

    def acknowledged_by_run(self, job_id: int) -> None:
        self._acknowledged.add(job_id)

    async def listen_for_jobs(
        self, *, on_notification: manager.NotificationCallback, queues: Any = None
    ) -> None:
        async def counted(*, channel: str, notification: Any) -> None:
            self._notifications += 1
            await on_notification(channel=channel, notification=notification)

        self.listening = True
        try:
            await super().listen_for_jobs(on_notification=counted, queues=queues)
        finally:
            self.listening = False

    async def fetch_job(self, queues: Any, worker_id: int) -> Any:
        while True:
            seen = self._notifications
            try:
                job = await self._fetch_and_claim(queues, worker_id)
            except exceptions.ConnectorException as exc:
                if not isinstance(exc.__cause__, psycopg.errors.ForeignKeyViolation):
                    raise
                logger.warning("worker %s was pruned while alive: registered again", worker_id)
                await self.update_heartbeat(worker_id)
                continue
            if job is not None or self._notifications == seen:
                return job

    async def _fetch_and_claim(self, queues: Any, worker_id: int) -> jobs.Job | None:
        row = await self.connector.execute_query_one_async(
            logs.FETCH_AND_CLAIM_SQL, queues=queues, worker_id=worker_id, sync_task=SYNC_TASK
        )
        if row["id"] is None:  # procrastinate's fetch answers a row of nulls: no job
            return None
        job = jobs.Job.from_row(row)
        if job.task_name == SYNC_TASK:
            assert job.id is not None
            self._claimed[job.id] = logs.claimed_run(row)
        return job

    async def finish_job(self, job: Any, status: jobs.Status, delete_job: bool) -> None:
        if job.id in self._acknowledged:
            self._acknowledged.discard(job.id)
            return
        await super().finish_job(job, status=status, delete_job=delete_job)

    async def update_heartbeat(self, worker_id: int) -> None:
        await self.connector.execute_query_async(HEARTBEAT_SQL, worker_id=worker_id)

    async def retry_job(
        self,
        job: Any,
        retry_at: datetime.datetime | None = None,
        priority: int | None = None,
        queue: str | None = None,
        lock: str | None = None,
    ) -> None:
        try:
            await super().retry_job(
                job, retry_at=retry_at, priority=priority, queue=queue, lock=lock
            )
        except exceptions.UniqueViolation as exc:
            if exc.constraint_name != manager.QUEUEING_LOCK_CONSTRAINT:
                raise
            await self.finish_job(job, status=jobs.Status.FAILED, delete_job=True)
            log_id = log_id_of(job)
            if log_id is not None:
                async with self._pool().connection() as conn:
                    await conn.execute(
                        SUPERSEDED_SQL, {"log_id": log_id, "queueing_lock": job.queueing_lock}
                    )
            logger.info("job %s superseded by a newer waiting run of %s", job.id, job.queueing_lock)


LOST = RetryableSyncError("worker_lost", "the worker running this attempt stopped responding")


async def retry_stalled(
    job_manager: Any,
    pool: AsyncConnectionPool[Any],
    policy: RetryPolicy,
    stalled_after: float,
    queues: list[str],
) -> int:
    """Put the jobs (of `queues`) of workers silent for `stalled_after` seconds back in the
    queue, or fail them past their last attempt; returns how many it handled."""
    stalled = [
        job
        for queue in queues
        for job in await job_manager.get_stalled_jobs(
            queue=queue, seconds_since_heartbeat=stalled_after
        )
    ]
    for job in stalled:
        attempt = job.attempts + 1
        retry_in = policy.delay(attempt, LOST)
        log_id = log_id_of(job)
        if log_id is not None:
            async with pool.connection() as conn:
                await logs.fail(conn, log_id, attempt, LOST, retry_in)
        if retry_in is None and log_id is not None:
            await job_manager.finish_job(job, status=jobs.Status.FAILED, delete_job=True)
        else:
            await job_manager.retry_job(
                job,
                retry_at=in_seconds(retry_in or 0),
            )
        outcome = "failed" if retry_in is None else "retried"
        metrics.stalled_recovered(outcome)
        logger.warning("stalled job %s (log %s) %s", job.id, log_id, outcome)
    return len(stalled)
