"""A worker process: its two pools (sized from one connection budget: pool_budget.py), its
HTTP client, the App, until SIGTERM or SIGINT (procrastinate stops fetching, lets running
jobs finish, then returns)."""

from __future__ import annotations

import httpx

# authlib (token refreshes) imported with the worker, not at its first refresh: that import
# takes seconds and would block the event loop, and every run's transaction, meanwhile
from python_workers.credentials import authlib_httpx  # noqa: F401
from python_workers.engine.app import WorkerOptions, build_app
from python_workers.engine.health import worker_endpoints
from python_workers.engine.http_metrics import ProviderLatency
from python_workers.engine.pool_budget import action_kwargs, pool_sizes
from python_workers.engine.run import Engine
from python_workers.engine.run_db import ActionPool, release_before_request

HTTP_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


async def serve(
    url: str, options: WorkerOptions, registry: dict[str, str], action_url: str | None = None
) -> None:
    """`url`: the queue's (session mode); `action_url`: the actions' (may be a
    transaction-mode pooler), `url` when None."""
    pool = ActionPool(
        action_url or url,
        kwargs=action_kwargs(through_pooler=action_url is not None),
        min_size=1,
        max_size=pool_sizes(options.max_connections).action,
        open=False,
    )
    latency = ProviderLatency().event_hooks()
    # a run's transaction ends before each provider request (run_db.py); then the latency
    # clock starts
    hooks = {
        "request": [release_before_request, *latency["request"]],
        "response": latency["response"],
    }
    async with pool, httpx.AsyncClient(timeout=HTTP_TIMEOUT, event_hooks=hooks) as http:
        engine = Engine(
            pool=pool, http=http, registry=registry, policy=options.policy,
            stalled_after_seconds=options.stalled_after_seconds,
        )  # fmt: skip
        app = build_app(url, options, engine)
        queues = options.procrastinate_options()["queues"]
        # the endpoints first: /healthz answers (not ready) while the queue connects
        async with (
            worker_endpoints(pool, lambda: app.job_manager.listening, queues),
            app.open_async(),
        ):
            await app.run_worker_async(**options.procrastinate_options())
