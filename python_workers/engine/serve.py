"""A worker process: its two pools, its HTTP client, the App, until SIGTERM or SIGINT
(procrastinate stops fetching, lets running jobs finish, then returns)."""

from __future__ import annotations

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.engine.app import WorkerOptions, build_app
from python_workers.engine.health import worker_endpoints
from python_workers.engine.http_metrics import ProviderLatency
from python_workers.engine.run import Engine

HTTP_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


async def serve(url: str, options: WorkerOptions, registry: dict[str, str]) -> None:
    # a running job holds one connection for its action's transaction and briefly takes a
    # second (log transitions, credential, rate budget): two per job, plus the sweeper's
    pool = AsyncConnectionPool(
        url,
        kwargs={"autocommit": True},
        min_size=1,
        max_size=2 * options.concurrency + 2,
        open=False,
    )
    latency = ProviderLatency()
    async with (
        pool,
        httpx.AsyncClient(timeout=HTTP_TIMEOUT, event_hooks=latency.event_hooks()) as http,
    ):
        engine = Engine(pool=pool, http=http, registry=registry, policy=options.policy)
        app = build_app(url, options, engine)
        queues = options.procrastinate_options()["queues"]
        # the endpoints first: /healthz answers (not ready) while the queue connects
        async with (
            worker_endpoints(pool, lambda: app.job_manager.listening, queues),
            app.open_async(),
        ):
            await app.run_worker_async(**options.procrastinate_options())
