"""The procrastinate App of a worker process: its queue connection, the tasks and the
worker's options.

Queue connection: procrastinate's SQL names its objects without a schema, so its pool's
connections run with `search_path=procrastinate` (the schema `plugboard db migrate`
installs it in). Actions get connections of a second pool with the default search_path.
Both pools' sizes come from one connection budget (pool_budget.py).

Tasks:
  plugboard.sync_run          one sync run (python_workers/engine/run.py)
  plugboard.retry_stalled     periodic, every `sweep` seconds: jobs of silent workers
  plugboard.plan_schedules    periodic, every minute, only where a worker was started with
                              --plan-schedules (no pg_cron): private.plan_schedules()
  plugboard.plan_schedule_batch  queued by a planning tick that found more than 1,000
                              due features: plans 1,000 of them (private.plan_schedule_batch;
                              safe to run twice), so workers share a large tick's writing

Polling and locks (see docs/engine.md): workers wake on NOTIFY for new jobs, but a job
waiting behind a lock (another run of the same feature or record is running) and a retry
whose time has come are only seen when the worker polls; polling every second keeps that
wait under a second for one cheap indexed query per idle worker per second. Each job's
lock and queueing lock is its run key (private.sync_run_key), nothing coarser: runs of
different records and features never wait for each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import procrastinate

from python_workers.engine.jobs import SYNC_TASK, PlugboardJobManager, retry_stalled
from python_workers.engine.pool_budget import DEFAULT_MAX_CONNECTIONS, pool_sizes
from python_workers.engine.queue_connector import queue_connector
from python_workers.engine.retry import DecidedRetry, RetryPolicy
from python_workers.engine.run import Engine, run_sync

QUEUE = "sync"
MAINTENANCE_QUEUE = "plugboard"  # the periodic tasks
SWEEP_PRIORITY = 10  # sync jobs have procrastinate's default, 0


@dataclass(frozen=True)
class WorkerOptions:
    concurrency: int = 8
    poll_seconds: float = 1.0
    heartbeat_seconds: float = 5.0
    stalled_after_seconds: float = 30.0
    plan_schedules: bool = False
    max_connections: int = DEFAULT_MAX_CONNECTIONS
    policy: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def sweep_seconds(self) -> int:
        """How often stalled jobs are looked for: half the silence that makes a job stalled."""
        return max(1, int(self.stalled_after_seconds // 2))

    def procrastinate_options(self) -> dict[str, Any]:
        return {
            "concurrency": self.concurrency,
            "fetch_job_polling_interval": self.poll_seconds,
            "update_heartbeat_interval": self.heartbeat_seconds,
            "stalled_worker_timeout": self.stalled_after_seconds,
            # the sync log is the record of a run; finished jobs are not kept twice
            "delete_jobs": "always",
            # only Plugboard's queues: other users of the schema keep their jobs
            "queues": [QUEUE, MAINTENANCE_QUEUE],
        }


def build_app(url: str, options: WorkerOptions, engine: Engine) -> Any:
    connector = queue_connector(url, max_size=pool_sizes(options.max_connections).queue)
    app = procrastinate.App(connector=connector)
    manager = PlugboardJobManager(connector, lambda: engine.pool)
    app.job_manager = manager

    @app.task(name=SYNC_TASK, queue=QUEUE, pass_context=True, retry=DecidedRetry(options.policy))
    async def sync_run(context: Any, log_id: str) -> None:
        job = context.job
        run = manager.take_claimed_run(job.id)
        if await run_sync(engine, UUID(log_id), run, job.id, job.worker_id):
            manager.acknowledged_by_run(job.id)

    @app.periodic(cron=f"* * * * * */{options.sweep_seconds}", periodic_id="sweep")
    # ahead of waiting sync jobs (procrastinate fetches by priority, then age): the sweep
    # that frees a dead worker's runs must not queue behind the runs waiting for them
    @app.task(
        name="plugboard.retry_stalled",
        queue=MAINTENANCE_QUEUE,
        queueing_lock="plugboard.retry_stalled",
        priority=SWEEP_PRIORITY,
    )
    async def retry_stalled_jobs(timestamp: int) -> None:
        await retry_stalled(
            app.job_manager,
            engine.pool,
            options.policy,
            options.stalled_after_seconds,
            [QUEUE, MAINTENANCE_QUEUE],
        )

    @app.task(
        name="plugboard.plan_schedules",
        queue=MAINTENANCE_QUEUE,
        queueing_lock="plugboard.plan_schedules",
    )
    async def plan_schedules(timestamp: int) -> None:
        async with engine.pool.connection() as conn:
            await conn.execute("select private.plan_schedules()")

    @app.task(
        name="plugboard.plan_schedule_batch",
        queue=MAINTENANCE_QUEUE,
        retry=procrastinate.RetryStrategy(max_attempts=5, exponential_wait=2),
    )
    async def plan_schedule_batch(ids: list[str], now: str) -> None:
        async with engine.pool.connection() as conn:
            await conn.execute(
                "select private.plan_schedule_batch(%s::uuid[], %s::timestamptz)", (ids, now)
            )

    if options.plan_schedules:
        app.periodic(cron="* * * * *", periodic_id="plan")(plan_schedules)
    return app
