"""`plugboard bench console`: the console's Logs page at 5,000,000 log rows
(bench/_engine_logs_data.py), end to end: HTTP GET /setup/integrations/logs against a real
`plugboard functions` process as the signed-in owner (session cookie), the 30-day chart
included — p50 / p95 of 100 calls, first page and a filtered one. Target p95 < 100 ms.
Beside it, the chart's query alone (runs per day by outcome over 30 days) as the owner
through RLS, so a slow page can be told apart from a slow chart."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import jwt
import psycopg

from bench import _engine_logs_data as logs_data
from bench.engine import _ms, _world
from bench.report import report
from bench.scratch_db import scratch_database
from functions.console.chart import DAYS
from functions.console.queries import OUTCOMES_BY_DAY
from python_workers.config import REPO_ROOT
from sandboxes.common.server import free_port
from tests.py.engine.world import World

CALLS = 100
SECRET = secrets.token_urlsafe(32)  # this run's JWT secret, functions/ and the cookie
LOGS = "/setup/integrations/logs"


def _serving(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    environment = {name: value for name, value in os.environ.items()} | {
        "DATABASE_URL": url, "SUPABASE_JWT_SECRET": SECRET, "PYTHONPATH": str(REPO_ROOT),
        "PLUGBOARD_FUNCTIONS_URL": f"http://127.0.0.1:{port}",
    }  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "functions", "--port", str(port)],
        env=environment, cwd=REPO_ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.terminate()
            raise RuntimeError("plugboard functions did not start")
        time.sleep(0.2)


def _pages(base: str, owner: uuid.UUID, project: uuid.UUID) -> list[dict[str, Any]]:
    now = int(time.time())
    session = jwt.encode(
        {"aud": "authenticated", "role": "authenticated", "sub": str(owner), "exp": now + 3600},
        SECRET, algorithm="HS256",
    )  # fmt: skip
    rows = []
    cases = [("first page", {}), ("status failed", {"status": "failed"})]
    with httpx.Client(base_url=base, cookies={"plugboard_console": session}, timeout=30) as client:
        for name, filters in cases:
            params = {"project": str(project), **filters}
            assert client.get(LOGS, params=params).status_code == 200  # warm
            timings = []
            for _ in range(CALLS):
                started = time.perf_counter()
                answer = client.get(LOGS, params=params)
                timings.append(time.perf_counter() - started)
                assert answer.status_code == 200 and "<svg" in answer.text, answer.text[:200]
            rows.append({
                "measure": f"Logs page over HTTP at {logs_data.TOTAL:,} rows: {name} (chart incl.)",
                "p50 ms": _ms(timings, 0.5), "p95 ms": _ms(timings, 0.95), "target": "p95 < 100",
            })  # fmt: skip
    return rows


def _chart_call(conn: psycopg.Connection, claims: str, project: uuid.UUID) -> float:
    """Seconds one chart query takes as the owner (a transaction of its own, as a page's)."""
    with conn.transaction():
        conn.execute("set local role authenticated")
        conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        started = time.perf_counter()
        conn.execute(OUTCOMES_BY_DAY, {"project": project, "days": DAYS}).fetchall()
        return time.perf_counter() - started


def _chart_row(measure: str, timings: list[float]) -> dict[str, Any]:
    return {
        "measure": measure, "p50 ms": _ms(timings, 0.5), "p95 ms": _ms(timings, 0.95),
        "target": "(part of the page)",
    }  # fmt: skip


def _first_chart(url: str, owner: uuid.UUID, project: uuid.UUID) -> dict[str, Any]:
    """The first chart of the data: every closed day of the window counted and cached."""
    claims = json.dumps({"sub": str(owner), "role": "authenticated"})
    with psycopg.connect(url, autocommit=True) as conn:
        return _chart_row(
            f"its first chart query (counts and caches {DAYS - 1} closed days)",
            [_chart_call(conn, claims, project)],
        )


def _charts(url: str, owner: uuid.UUID, world: World) -> list[dict[str, Any]]:
    """The chart query alone, cached; then each time after a run logged into a closed day
    (which drops that day's counts: the next chart counts the day again)."""
    claims = json.dumps({"sub": str(owner), "role": "authenticated"})
    with psycopg.connect(url, autocommit=True) as conn:
        cached = [_chart_call(conn, claims, world.project_id) for _ in range(CALLS)]
        recounted = []
        for n in range(CALLS // 10):
            conn.execute(
                "insert into public.integration_sync_logs (project_id, provider_id, trigger_type,"
                " direction, status, action, created_at) values (%s, %s, 'on_manual', 'outbound',"
                " 'success', 'act', now() - make_interval(days => %s))",
                (world.project_id, world.provider_id, 1 + n % (DAYS - 1)),
            )
            recounted.append(_chart_call(conn, claims, world.project_id))
    return [
        _chart_row(f"its {DAYS}-day chart query alone (as the owner, closed days cached)", cached),
        _chart_row("the same after a run logged into a closed day (that day recounted)", recounted),
    ]


def main() -> None:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, scratch_database("console_logs") as url:
        world = _world(url, Path(tmp))
        with psycopg.connect(url, autocommit=True) as conn:
            owner = logs_data.add_owner(conn, world.project_id)
            started = time.monotonic()
            logs_data.load_logs(
                conn, world.project_id, world.integration_id, world.provider_id,
                list(world.features.values()),
            )  # fmt: skip
            loading = time.monotonic() - started
        rows.append(_first_chart(url, owner, world.project_id))
        server, base = _serving(url)
        try:
            rows += _pages(base, owner, world.project_id)
        finally:
            server.terminate()
            server.wait(timeout=10)
        rows += _charts(url, owner, world)
    report("console", rows, [
        "One functions/ process, one client, 2 cores shared with other sessions' test runs.",
        "The benchmarked project holds 4,000,000 of the rows (a year, one every 6 s).",
        f"Loading the {logs_data.TOTAL:,} rows (indexes rebuilt, analysed) took {loading:.0f} s.",
    ])  # fmt: skip
