"""`plugboard bench scale`: Plugboard at 1,000 and then 10,000 projects on one scratch
database, against the QuickBooks sandbox, through 4 real worker processes capped at 5
database connections each (20 in all) and `plugboard functions` taking webhooks.

Population (bench/_scale_setup.py): 40% GB, 30% US, 30% a country no provider covers;
a third of all projects (GB ones) have QuickBooks Connected to a sandbox company of their
own. The 10,000 run adds 9,000 projects to the 1,000 run's database.

At each size one compressed day of DAY_SECONDS (default 60 s) runs:
- schedules: the Connected integrations' on_schedule features (chart of accounts, classes,
  tax codes: three a day each) are spread at random over a virtual day; the bench ticks
  private.plan_schedules(virtual now) every second of real time while the virtual clock
  covers the day (1 s real = 24 virtual minutes at 60 s). The other integrations' schedules
  fall due in the first tick and are moved on (planned, nothing to run).
- status changes: CHANGES Draft expenses of random Connected projects approved evenly over
  the day (each push = a supplier create + a purchase create in QuickBooks).
- webhook bursts: every DAY_SECONDS / 6, BURST signed CloudEvents payment notifications for
  random Connected realms POSTed to functions/ (/webhooks/quickbooks), queueing realtime
  qb_payments runs.
- the Logs page: integration_sync_logs_page as a signed-in owner through RLS, 4 calls a
  second throughout.
Then the bench waits for every run the day queued to finish.

Figures per size: peak database connections (pg_stat_activity, all and the workers'),
database CPU per synced record (CPU seconds of the backends serving the database, from
/proc, bench/_scale_probes.py, over records_processed of the runs the day queued), status
change COMMIT -> the sandbox receiving the purchase's create (its request log) p50/p99,
Logs page p95, and the growth of each from the smallest size to the largest.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import math
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import psycopg

from bench import _scale_setup as setup
from bench._scale_probes import DatabaseSampler
from bench.report import report
from bench.scratch_db import scratch_database
from python_workers.config import REPO_ROOT
from sandboxes.common.server import RunningSandbox
from sandboxes.testing import sandbox_requests, start_sandbox
from tests.py.quickbooks.conftest import QbWorld, sandbox_env
from tests.testdb import Database, dbname_of, open_server

DATABASE = "scale"  # plugboard_bench_scale
SIZES = [int(n) for n in os.environ.get("PLUGBOARD_BENCH_SCALE_PROJECTS", "1000,10000").split(",")]
DAY_SECONDS = float(os.environ.get("PLUGBOARD_BENCH_SCALE_DAY_SECONDS", "60"))
CHANGES = int(os.environ.get("PLUGBOARD_BENCH_SCALE_CHANGES", "300"))
VIRTUAL_DAY = 86_400 - 12 * 60  # 02:26 to 02:14 next day: each schedule (02:15-02:25) once
BURSTS = 6
BURST = 50
PAGE_EVERY = 0.25
WORKERS = 4
MAX_CONNECTIONS = 5
CONCURRENCY = 8
DRAIN_TIMEOUT = 900.0
VERIFIER = "scale-bench-verifier"
WORKER_ARGS = (
    "--poll-seconds", "1", "--heartbeat-seconds", "5", "--stalled-after-seconds", "30",
    "--backoff-base-seconds", "1", "--backoff-cap-seconds", "30", "--max-attempts", "5",
)  # fmt: skip
PAGE = "select count(*) from public.integration_sync_logs_page(%s, '{}', null, null, 50)"


def main() -> None:
    rows: list[dict[str, Any]] = []
    with (
        open_server() as server,
        scratch_database(DATABASE) as url,
        start_sandbox("quickbooks", time_scale=1) as sandbox,
        tempfile.TemporaryDirectory() as tmp,
    ):
        env = {
            **sandbox_env(sandbox), "PLUGBOARD_QBO_TIME_SCALE": "1",
            "PLUGBOARD_WORKER_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
        }  # fmt: skip
        world = QbWorld(Database(dbname_of(url), url, url), Path(tmp), env, sandbox=sandbox,
                        worker_args=WORKER_ARGS)  # fmt: skip
        admin_url = server.url(dbname_of(url), admin=True)
        population = setup.Population()
        codes = setup.code_ids(sandbox.base_url)
        with _functions(url, Path(tmp)) as functions_url:
            try:
                for _ in range(WORKERS):
                    world.start_worker(concurrency=CONCURRENCY)
                for size in SIZES:
                    with psycopg.connect(url, autocommit=True) as conn:
                        started = time.monotonic()
                        setup.grow(conn, sandbox.base_url, population, size, codes)
                        print(f"  {size:,} projects set up in {time.monotonic() - started:.0f} s",
                              flush=True)  # fmt: skip
                    rows.append(_day(world, admin_url, sandbox, functions_url, population))
                    print(f"  {size:,} projects: {rows[-1]}", flush=True)
            finally:
                world.stop_workers()
    if len(rows) > 1:
        rows.append(_growth(rows[0], rows[-1]))
    report("scale", rows, _notes())


def _day(
    world: QbWorld, admin_url: str, sandbox: RunningSandbox, functions_url: str,
    population: setup.Population,
) -> dict[str, Any]:  # fmt: skip
    url, size = world.db.url, population.projects
    tag = f"S{size}"
    rng = random.Random(size)
    with psycopg.connect(url, autocommit=True) as conn:
        changed = rng.choices(population.connected, k=CHANGES)
        ids = setup.draft_expenses(conn, changed, tag)
        owner, logs_project = _owner(conn, population.connected[0])
        virtual_start = _spread_schedules(conn)
        conn.execute("vacuum analyze")
        [day_start] = conn.execute("select now()").fetchone() or [None]
        committed: dict[str, float] = {}
        arrivals: dict[str, float] = {}
        pages: list[float] = []
        stop = threading.Event()
        bursts = threading.Thread(
            target=_bursts, args=(functions_url, population.realms, rng.random(), stop)
        )
        with DatabaseSampler(admin_url, world.db.name) as sample:
            bursts.start()
            started = time.monotonic()
            next_tick = next_page = next_poll = 0.0
            change = 0
            try:
                while (elapsed := time.monotonic() - started) < DAY_SECONDS:
                    if elapsed >= next_tick:
                        virtual = virtual_start + VIRTUAL_DAY * elapsed / DAY_SECONDS
                        conn.execute("select private.plan_schedules(to_timestamp(%s))", (virtual,))
                        next_tick += 1
                    while change < len(ids) and elapsed >= change * DAY_SECONDS / len(ids):
                        _approve(conn, ids[change], committed, f"{tag}-{change + 1}")
                        change += 1
                    if elapsed >= next_page:
                        pages.append(_page(conn, owner, logs_project))
                        next_page += PAGE_EVERY
                    if elapsed >= next_poll:
                        arrivals.update(_arrivals(sandbox, tag))
                        next_poll += 1
                    time.sleep(0.005)
            finally:
                stop.set()
                bursts.join()
            for late in range(change, len(ids)):  # a loaded loop may end a few short
                _approve(conn, ids[late], committed, f"{tag}-{late + 1}")
            drained = _drain(conn, day_start, sandbox, tag, arrivals, len(committed))
        runs: dict[str, int] = dict(
            conn.execute(
                "select status::text, count(*) from public.integration_sync_logs"
                " where created_at >= %s group by status",
                (day_start,),
            ).fetchall()
        )
        [records] = conn.execute(
            "select coalesce(sum(records_processed), 0) from public.integration_sync_logs"
            " where created_at >= %s",
            (day_start,),
        ).fetchone() or [0]
    gaps = sorted(1000 * (arrivals[ref] - at) for ref, at in committed.items() if ref in arrivals)
    assert len(gaps) == len(committed), f"{len(gaps)} of {len(committed)} pushes timed"
    return {
        "projects": size,
        "QBO connected": len(population.connected),
        "runs (failed)": f"{sum(runs.values()):,} ({runs.get('failed', 0):,})",
        "records synced": records,
        "peak conns (workers)": f"{sample.peak_connections} ({sample.peak_worker_connections})",
        "DB CPU s": round(sample.cpu_seconds, 2),
        "DB CPU ms/record": round(1000 * sample.cpu_seconds / max(records, 1), 3),
        "change->request p50 ms": _quantile(gaps, 0.5),
        "p99 ms": _quantile(gaps, 0.99),
        "Logs p95 ms": _quantile(pages, 0.95),
        "drain s": round(drained),
    }


def _approve(
    conn: psycopg.Connection, transaction_id: str, committed: dict[str, float], reference: str
) -> None:
    conn.execute(
        "update public.transactions set status = 'Approved' where id = %s", (transaction_id,)
    )
    committed[reference] = time.time()


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def _spread_schedules(conn: psycopg.Connection) -> float:
    """Due times of the Connected integrations' scheduled features spread over the virtual
    day (02:26 tomorrow to 02:14 the day after); returns its start (epoch seconds)."""
    row = conn.execute(
        "select extract(epoch from date_trunc('day', now()) + interval '1 day 2 hours 26 minutes')"
    ).fetchone()
    assert row is not None
    start = float(row[0])
    conn.execute(
        "update public.project_integration_features as pif"
        " set next_run_at = to_timestamp(%s + random() * %s)"
        " from public.project_integrations as pi"
        " where pi.id = pif.project_integration_id and pi.status = 'Connected'"
        " and pif.next_run_at is not null",
        (start, VIRTUAL_DAY),
    )
    return start


def _owner(conn: psycopg.Connection, project_id: str) -> tuple[str, str]:
    """A signed-in owner of `project_id` (made once) for the Logs page."""
    row = conn.execute(
        "select user_id::text from public.project_members as m join public.roles as r"
        " on r.id = m.role_id and r.key = 'project:owner' where m.project_id = %s"
        " and user_id in (select id from auth.users where email = 'owner@scale.invalid')",
        (project_id,),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "insert into auth.users (id, email) values (gen_random_uuid(), 'owner@scale.invalid')"
            " returning id::text"
        ).fetchone()
        assert row is not None
        conn.execute(
            "insert into public.project_members (project_id, user_id, role_id)"
            " select %s, %s, id from public.roles where key = 'project:owner'",
            (project_id, row[0]),
        )
    claims = json.dumps({"sub": row[0], "role": "authenticated"})
    return claims, project_id


def _page(conn: psycopg.Connection, claims: str, project_id: str) -> float:
    with conn.transaction():
        conn.execute("set local role authenticated")
        conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
        started = time.perf_counter()
        conn.execute(PAGE, (project_id,)).fetchone()
        return 1000 * (time.perf_counter() - started)


def _bursts(functions_url: str, realms: list[str], seed: float, stop: threading.Event) -> None:
    """BURSTS bursts of BURST signed payment notifications, evenly over the day."""
    rng = random.Random(seed)
    numbers = itertools.count(int(seed * 1e9))
    with httpx.Client(timeout=60) as client:
        for _ in range(BURSTS):
            if stop.wait(DAY_SECONDS / BURSTS / 2):
                return
            now = datetime.now().astimezone().isoformat()
            body = json.dumps([
                {"specversion": "1.0", "id": f"scale-{n}", "source": "intuit",
                 "type": "qbo.payment.created.v1", "time": now, "intuitentityid": str(n),
                 "intuitaccountid": rng.choice(realms), "data": {}}
                for n in itertools.islice(numbers, BURST)
            ]).encode()  # fmt: skip
            signature = base64.b64encode(hmac.new(VERIFIER.encode(), body, hashlib.sha256).digest())
            response = client.post(
                f"{functions_url}/webhooks/quickbooks", content=body,
                headers={"intuit-signature": signature.decode()},
            )  # fmt: skip
            response.raise_for_status()
            if stop.wait(DAY_SECONDS / BURSTS / 2):
                return


def _arrivals(sandbox: RunningSandbox, tag: str) -> dict[str, float]:
    """DocNumber -> when the sandbox received the first purchase create carrying it (the
    request log keeps the last 10,000 requests: the bench reads it every second)."""
    found: dict[str, float] = {}
    for record in sandbox_requests(sandbox, last=5000):
        if record["path"].endswith("/purchase") and f'"{tag}-' in (record.get("body") or ""):
            reference = json.loads(record["body"]).get("DocNumber")
            arrival = record["at"] - record["duration_ms"] / 1000
            if reference and arrival < found.get(reference, math.inf):
                found[reference] = arrival
    return found


def _drain(
    conn: psycopg.Connection, since: Any, sandbox: RunningSandbox, tag: str,
    arrivals: dict[str, float], changes: int,
) -> float:  # fmt: skip
    """Waits for every run queued since `since` to finish; returns how long it took."""
    started = time.monotonic()
    while time.monotonic() - started < DRAIN_TIMEOUT:
        arrivals.update(_arrivals(sandbox, tag))
        row = conn.execute(
            "select count(*) from public.integration_sync_logs where created_at >= %s"
            " and status not in ('success', 'partial_success', 'failed')",
            (since,),
        ).fetchone()
        if row == (0,) and len(arrivals) >= changes:
            return time.monotonic() - started
        time.sleep(1)
    raise AssertionError(f"the day's runs did not finish within {DRAIN_TIMEOUT:.0f} s")


@contextmanager
def _functions(url: str, logs: Path) -> Iterator[str]:
    """`plugboard functions` (the webhook endpoint) on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "PLUGBOARD_QBO_WEBHOOK_VERIFIER_TOKEN": VERIFIER}
    process = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "functions", "--port", str(port)],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=(logs / "functions.log").open("wb"),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(base):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"plugboard functions did not start (see {logs})")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


GROWS = ("DB CPU ms/record", "p99 ms", "Logs p95 ms")


def _growth(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    """Largest size over smallest, figure by figure (x1.00 = flat)."""

    def ratio(key: str) -> str:
        a, b = small.get(key), large.get(key)
        numbers = isinstance(a, int | float) and isinstance(b, int | float)
        return f"x{b / a:.2f}" if numbers and a else ""

    peak = [int(str(row["peak conns (workers)"]).split()[0]) for row in (small, large)]
    return {
        "projects": f"growth {small['projects']:,} -> {large['projects']:,}",
        "records synced": ratio("records synced"),
        "peak conns (workers)": f"x{peak[1] / max(peak[0], 1):.2f}",
        **{key: ratio(key) for key in GROWS},
        "change->request p50 ms": ratio("change->request p50 ms"),
    }


def _notes() -> list[str]:
    return [
        f"a day of schedules compressed into {DAY_SECONDS:g} s (x{VIRTUAL_DAY / DAY_SECONDS:,.0f});"
        f" {CHANGES} status changes and {BURSTS} webhook bursts of {BURST} per day; runs drained"
        " after the day",
        f"{WORKERS} worker processes x concurrency {CONCURRENCY}, PLUGBOARD_WORKER_MAX_CONNECTIONS"
        f"={MAX_CONNECTIONS} each; peak connections count every connection to the database"
        " (workers, functions/, the bench's own 1-2), the workers' in brackets",
        "DB CPU: utime+stime from /proc of the PostgreSQL backends serving the bench database"
        " (sampled every 0.2 s) / records_processed of the runs the day queued",
        "status change -> request: the expense's approval COMMIT -> the sandbox receiving its"
        " purchase create (request log: arrival = logged time - duration)",
        "Logs page: integration_sync_logs_page first page, as a signed-in owner through RLS,"
        f" every {PAGE_EVERY:g} s during the day",
        "2 cores shared with other sessions' test runs: absolute figures carry their load.",
    ]
