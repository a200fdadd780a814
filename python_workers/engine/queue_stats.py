"""What the queue holds, read from procrastinate's tables and the sync logs: for the
queue gauges of /metrics (on each scrape) and for `plugboard status`.

The queries stay cheap: procrastinate deletes finished jobs (the worker runs with
delete_jobs="always"), so the depth is one pass over the waiting and running jobs only
(7 ms at 10,000 waiting, 60 ms at 100,000, measured on the 2-core development machine);
the age of the longest wait looks at one job per queue (the lowest id of those due that
were never retried, whose `deferred` event says when it was queued) plus the earliest
due retry time; the failures read a partial index of failed logs by finish time
(migration 20261204800000).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import class_row

DEPTH_SQL = """
with jobs as (
    select queue_name,
        count(*) filter (where status = 'todo' and coalesce(scheduled_at <= now(), true))
            as waiting,
        count(*) filter (where status = 'todo' and scheduled_at > now()) as scheduled,
        count(*) filter (where status = 'doing') as running,
        min(id) filter (where status = 'todo' and scheduled_at is null) as first_queued,
        min(scheduled_at) filter (where status = 'todo' and scheduled_at <= now())
            as first_due_scheduled
    from procrastinate.procrastinate_jobs
    where status in ('todo', 'doing')
    group by queue_name
)
select queue_name as queue, waiting, scheduled, running,
    coalesce(extract(epoch from now() - least(
        (select min(e.at) from procrastinate.procrastinate_events as e
         where e.job_id = jobs.first_queued and e.type = 'deferred'),
        first_due_scheduled
    )), 0)::float8 as oldest_waiting_seconds
from jobs
order by queue_name
"""

WORKERS_SQL = """
select w.id, w.last_heartbeat,
    extract(epoch from now() - w.last_heartbeat)::float8 as silent_seconds,
    (select count(*) from procrastinate.procrastinate_jobs as j
     where j.worker_id = w.id and j.status = 'doing') as running
from procrastinate.procrastinate_workers as w
order by w.id
"""

# procrastinate's own definition (select_stalled_jobs_by_heartbeat): running jobs whose
# worker is gone or silent for longer than the threshold
STALLED_SQL = """
select j.id, j.queue_name as queue, j.task_name, j.worker_id, j.attempts,
    j.args ->> 'log_id' as log_id
from procrastinate.procrastinate_jobs as j
left join procrastinate.procrastinate_workers as w on w.id = j.worker_id
where j.status = 'doing'
    and (j.worker_id is null
        or w.last_heartbeat < now() - make_interval(secs => %(stalled_after)s))
order by j.id
"""

FAILURES_SQL = """
select p.key as provider, coalesce(l.error_code, 'unknown') as error_code, count(*) as runs
from public.integration_sync_logs as l
join public.integration_providers as p on p.id = l.provider_id
where l.status = 'failed' and l.finished_at > now() - make_interval(secs => %(seconds)s)
group by p.key, l.error_code
order by runs desc, p.key, error_code
"""


@dataclass(frozen=True)
class QueueDepth:
    queue: str
    waiting: int
    scheduled: int
    running: int
    oldest_waiting_seconds: float


@dataclass(frozen=True)
class WorkerBeat:
    id: int
    last_heartbeat: datetime
    silent_seconds: float
    running: int


@dataclass(frozen=True)
class StalledJob:
    id: int
    queue: str
    task_name: str
    worker_id: int | None
    attempts: int
    log_id: str | None


@dataclass(frozen=True)
class Failures:
    provider: str
    error_code: str
    runs: int


async def _rows(
    conn: psycopg.AsyncConnection[Any], kind: type[Any], query: str, params: dict[str, Any]
) -> list[Any]:
    async with conn.cursor(row_factory=class_row(kind)) as cursor:
        await cursor.execute(query, params)
        return await cursor.fetchall()


async def queue_depth(conn: psycopg.AsyncConnection[Any]) -> list[QueueDepth]:
    return await _rows(conn, QueueDepth, DEPTH_SQL, {})


async def workers(conn: psycopg.AsyncConnection[Any]) -> list[WorkerBeat]:
    return await _rows(conn, WorkerBeat, WORKERS_SQL, {})


async def stalled_jobs(
    conn: psycopg.AsyncConnection[Any], stalled_after: float
) -> list[StalledJob]:
    return await _rows(conn, StalledJob, STALLED_SQL, {"stalled_after": stalled_after})


async def recent_failures(conn: psycopg.AsyncConnection[Any], seconds: float) -> list[Failures]:
    return await _rows(conn, Failures, FAILURES_SQL, {"seconds": seconds})
