"""The worker's operations endpoints, served on PLUGBOARD_METRICS_PORT in the worker's
own event loop (docs/engine.md, "Operating a worker"):

  GET /healthz        200 when ready (the database answers and the queue is listened to),
                      else 503; the JSON body says which check failed
  GET /healthz/live   200 whenever the event loop answers (a liveness probe: no database)
  GET /metrics        Prometheus text: engine/metrics.py, with the queue gauges read
                      from the database at each scrape

The server is uvicorn without its signal handling: procrastinate's worker owns SIGTERM and
SIGINT, and stopping the worker stops this server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from python_workers.config import settings
from python_workers.engine import metrics, queue_stats

logger = logging.getLogger("plugboard.health")

CHECK_SECONDS = 2.0  # a database slower than this to answer `select 1` is not ready
Check = Callable[[], Awaitable[str | None]]  # None: fine; else what is wrong


class MetricsPortInUse(RuntimeError):
    """PLUGBOARD_METRICS_PORT cannot be bound: the worker does not start."""


def database_check(pool: AsyncConnectionPool[Any]) -> Check:
    """`select 1` on a pooled connection within CHECK_SECONDS. A pool whose every
    connection is out running jobs is ready as it is (the database is answering them):
    waiting for one of them would call a busy worker not ready."""

    async def check() -> str | None:
        stats = pool.get_stats()
        if stats.get("pool_available", 0) == 0 and stats.get("pool_size", 0) >= pool.max_size:
            return None
        try:
            async with asyncio.timeout(CHECK_SECONDS), pool.connection() as conn:
                await conn.execute("select 1")
        except Exception as exc:
            return f"the database does not answer ({type(exc).__name__})"
        return None

    return check


def listening_check(listening: Callable[[], bool]) -> Check:
    async def check() -> str | None:
        return None if listening() else "the worker is not listening for new jobs"

    return check


async def refresh_queue_gauges(pool: AsyncConnectionPool[Any], queues: list[str]) -> None:
    """The queue gauges as the database has them now; cleared when it does not answer
    (a stale depth would look like a real one)."""
    metrics.QUEUE_JOBS.clear()
    metrics.QUEUE_OLDEST_WAIT.clear()
    try:
        async with asyncio.timeout(CHECK_SECONDS), pool.connection() as conn:
            depths = {d.queue: d for d in await queue_stats.queue_depth(conn)}
    except Exception as exc:
        logger.warning("queue gauges not read: %s", type(exc).__name__)
        return
    for queue in sorted({*queues, *depths}):
        depth = depths.get(queue) or queue_stats.QueueDepth(queue, 0, 0, 0, 0.0)
        for state in ("waiting", "scheduled", "running"):
            metrics.QUEUE_JOBS.labels(queue, state).set(getattr(depth, state))
        metrics.QUEUE_OLDEST_WAIT.labels(queue).set(depth.oldest_waiting_seconds)


def ops_app(checks: dict[str, Check], pool: AsyncConnectionPool[Any], queues: list[str]) -> Any:
    async def healthz(request: Request) -> Response:
        problems = {name: await check() for name, check in checks.items()}
        ready = not any(problems.values())
        body = {
            "alive": True,
            "ready": ready,
            "checks": {name: problem or "ok" for name, problem in problems.items()},
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    async def live(request: Request) -> Response:
        return JSONResponse({"alive": True})

    async def prometheus(request: Request) -> Response:
        await refresh_queue_gauges(pool, queues)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/healthz/live", live),
            Route("/metrics", prometheus),
        ]
    )


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield  # the worker handles SIGTERM and SIGINT; ops_server stops this server


def _bound_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise MetricsPortInUse(
            f"cannot serve /healthz and /metrics on {host}:{port} ({exc.strerror}): set"
            " PLUGBOARD_METRICS_PORT to a free port, or to 0 to serve none"
        ) from exc
    return sock


def worker_endpoints(
    pool: AsyncConnectionPool[Any], listening: Callable[[], bool], queues: list[str]
) -> contextlib.AbstractAsyncContextManager[None]:
    """The endpoints of a worker whose action pool is `pool`, on the configured port."""
    checks = {"database": database_check(pool), "queue": listening_check(listening)}
    config = settings()
    return ops_server(
        config.plugboard_metrics_host, config.plugboard_metrics_port, ops_app(checks, pool, queues)
    )


@contextlib.asynccontextmanager
async def ops_server(host: str, port: int | None, app: Any) -> AsyncIterator[None]:
    """Serves `app` on host:port while the block runs (port None or 0: nothing)."""
    if not port:
        yield
        return
    sock = _bound_socket(host, port)
    # log_config None: its lines go to the worker's handlers (JSON lines when configured)
    config = uvicorn.Config(
        app, lifespan="off", log_config=None, log_level="warning", access_log=False
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name="ops server")
    logger.info("serving /healthz and /metrics on %s:%d", host, port)
    try:
        yield
    finally:
        server.should_exit = True
        await task
        sock.close()
