"""`plugboard bench engine`: the sync engine's figures, each on a fresh database.

1. Trigger latency: a transaction's status change COMMIT -> the server action starting in
   a running `plugboard worker`, p50 / p99 over 1,000 changes made one after the other,
   beside a bare procrastinate no-op job (deferred in SQL, committed, started) measured
   in the same run. Targets p50 <= 5 ms, p99 <= 25 ms.
2. Throughput of a no-op action with 1 and 4 worker processes: jobs per second from the
   commit of 2,000 queued runs to the last log closed, and the ratio to a bare INSERT +
   DELETE loop of the same count (one row in, one row out: the least a queue could do);
   beside it, 2,000 bare procrastinate no-op jobs through one process x 8 (procrastinate
   as it ships: the part of the cost a Plugboard run adds is the difference; target: a
   Plugboard process >= 0.8 of its rate), and the same through Plugboard's queue
   connector (engine/app.py: its statements in autocommit), what that tuning alone gives.
3. Planning 100,000 due on_schedule features in one tick: the tick's database time
   (private.plan_schedules: find the due features, queue one batch job per 1,000; target
   <= 1 s), and the database time of its 100 batches run one after another
   (private.plan_schedule_batch: move the schedules on, write the 100,000 pending logs
   and jobs), which workers share in parallel.
4. The Logs page at 5,000,000 log rows: first page, a deep page (keyset after 2,000,000
   rows), and filtered first pages, as a signed-in owner through RLS, p95 of 100 calls.
   Target <= 25 ms.

The worker runs the engine tests' test-only provider (tests/py/engine/testing_provider.py,
registered through the extra-registry hook), whose action notes when it started.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from bench import _engine_logs_data as logs_data
from bench.report import report
from bench.scratch_db import scratch_database
from python_workers.config import REPO_ROOT
from tests.py.engine.world import Workers, World, create_world, wait_for
from tests.testdb import Database, dbname_of

CHANGES = 1_000
JOBS = 2_000
SCHEDULED = 100_000
PAGE_CALLS = 100
TARGET_VS_BARE = 0.8  # a no-op run through Plugboard, 1 process x 8, against bare procrastinate
PRODUCTION = [
    "--poll-seconds", "1", "--heartbeat-seconds", "5", "--stalled-after-seconds", "30",
    "--backoff-base-seconds", "2", "--backoff-cap-seconds", "900", "--max-attempts", "5",
]  # fmt: skip


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Tail:
    """New lines of a file another process appends to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def lines(self) -> list[str]:
        if not self.path.exists():
            return []
        with self.path.open() as f:
            f.seek(self.offset)
            chunk = f.read()
        complete = chunk[: chunk.rfind("\n") + 1]
        self.offset += len(complete)
        return complete.splitlines()


def _world(url: str, directory: Path) -> World:
    database = Database(dbname_of(url), url, url)
    return create_world(database, directory / "calls.jsonl")


def _defer_noop(conn: psycopg.Connection, n: int, count: int = 1) -> None:
    """`count` bare procrastinate jobs (numbered from n), deferred in SQL as procrastinate's
    own users do."""
    with conn.transaction():
        conn.execute("set local search_path = procrastinate")
        conn.execute(
            "select procrastinate_defer_jobs_v1(array(select row('bench', 'bench.noop', 0, null,"
            " null, jsonb_build_object('n', i), null)::procrastinate_job_to_defer_v1"
            " from generate_series(%s::integer, %s::integer - 1) as i))",
            (n, n + count),
        )


def _bare_noop_worker(
    url: str, started_file: Path, concurrency: int, *, tuned: bool = False
) -> subprocess.Popen[bytes]:
    module = [sys.executable, "-m", "bench._engine_noop_worker"]
    arguments = [url, str(started_file), str(concurrency), *(["tuned"] if tuned else [])]
    return subprocess.Popen([*module, *arguments], cwd=REPO_ROOT)


def trigger_latency(world: World, directory: Path) -> list[dict[str, Any]]:
    url = world.db.url
    workers = Workers(world)
    noop_file = directory / "noop.txt"
    bare = _bare_noop_worker(url, noop_file, 4)
    try:
        workers.start(*PRODUCTION, concurrency=8)
        tail, noop_tail = Tail(world.calls_file), Tail(noop_file)
        engine, procrastinate_only = [], []
        with psycopg.connect(url, autocommit=True) as conn:
            warm = world.enqueue("manual")
            world.wait_final([warm], timeout=120)
            tail.lines()
            _defer_noop(conn, -1)
            wait_for(noop_tail.lines, 120, "the bare worker to start")
            for i in range(CHANGES):
                row = conn.execute(
                    "insert into public.transactions (project_id, transaction_type,"
                    " transaction_direction, status, currency_code)"
                    " values (%s, 'Expense', 'inbound', 'Draft', 'GBP') returning id",
                    (world.project_id,),
                ).fetchone()
                assert row is not None
                conn.execute(
                    "update public.transactions set status = 'Approved' where id = %s", row
                )
                committed = time.time()
                [started] = wait_for(
                    lambda: [json.loads(x)["t"] for x in tail.lines() if '"start"' in x],
                    30,
                    "the action to start",
                    interval=0.001,
                )
                engine.append(started - committed)

                _defer_noop(conn, i)
                committed = time.time()
                [noop_started] = wait_for(
                    lambda: [float(x.split()[1]) for x in noop_tail.lines()],
                    30,
                    "the no-op job",
                    interval=0.001,
                )
                procrastinate_only.append(noop_started - committed)
    finally:
        workers.stop_all()
        bare.terminate()
        bare.wait()
    return [
        {
            "measure": f"trigger latency, {name}, {CHANGES} changes",
            "p50 ms": _ms(values, 0.50),
            "p99 ms": _ms(values, 0.99),
            "target": target,
        }
        for name, values, target in (
            ("status change -> server action", engine, "p50 <= 5, p99 <= 25"),
            ("bare procrastinate no-op job", procrastinate_only, "(yardstick)"),
        )
    ]


def _baseline_seconds(url: str) -> float:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create table bench_baseline (id integer primary key)")
        started = time.perf_counter()
        for i in range(JOBS):
            conn.execute("insert into bench_baseline (id) values (%s)", (i,))
            conn.execute("delete from bench_baseline where id = %s", (i,))
        return time.perf_counter() - started


def _wait_all_succeeded(conn: psycopg.Connection, pattern: str) -> None:
    query = (
        "select count(*) = %s from public.integration_sync_logs"
        " where entity_id like %s and status = 'success'"
    )
    wait_for(lambda: conn.execute(query, (JOBS, pattern)).fetchone() == (True,), 600, "the runs")


def _bare_throughput(url: str, directory: Path, *, tuned: bool = False) -> float:
    """Jobs per second of a bare procrastinate worker (1 process x 8) through JOBS no-ops."""
    started_file = directory / f"noop-throughput{'-tuned' if tuned else ''}.txt"
    worker = _bare_noop_worker(url, started_file, 8, tuned=tuned)
    tail = Tail(started_file)
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            _defer_noop(conn, -1)
            wait_for(tail.lines, 120, "the bare worker to start")
            _defer_noop(conn, 0, JOBS)
            started = time.perf_counter()
            done = 0

            def all_done() -> bool:
                nonlocal done
                done += len(tail.lines())
                return done >= JOBS

            wait_for(all_done, 600, "the bare no-op jobs", interval=0.01)
            return JOBS / (time.perf_counter() - started)
    finally:
        worker.terminate()
        worker.wait()


def throughput(world: World, directory: Path) -> list[dict[str, Any]]:
    url = world.db.url
    baseline = JOBS / _baseline_seconds(url)
    bare = _bare_throughput(url, directory)
    tuned = _bare_throughput(url, directory, tuned=True)
    rows: list[dict[str, Any]] = [
        {
            "measure": "throughput, bare procrastinate no-op job, 1 process x 8",
            "jobs/s": bare,
            "vs INSERT+DELETE loop": f"{bare / baseline:.2f} of {baseline:,.0f}/s",
        },
        {
            "measure": "throughput, the same through Plugboard's queue connector (autocommit)",
            "jobs/s": tuned,
            "vs INSERT+DELETE loop": f"{tuned / baseline:.2f} of {baseline:,.0f}/s",
            "vs bare procrastinate": f"{tuned / bare:.2f}",
        },
    ]
    for processes in (1, 4):
        workers = Workers(world)
        try:
            for _ in range(processes):
                workers.start(*PRODUCTION, concurrency=8)
            warm = world.enqueue("manual", f"warm-{processes}")
            world.wait_final([warm], timeout=120)
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(
                    "select count(private.enqueue_sync_run(%s, %s, 'on_manual', 'act', 'thing',"
                    " 'tp-' || %s || '-' || i, '{}', null)) from generate_series(1, %s) as i",
                    (world.integration_id, world.features["manual"], processes, JOBS),
                )
                started = time.perf_counter()
                _wait_all_succeeded(conn, f"tp-{processes}-%")
                seconds = time.perf_counter() - started
        finally:
            workers.stop_all()
        rows.append(
            {
                "measure": f"throughput, no-op action, {processes} worker process(es) x 8",
                "jobs/s": JOBS / seconds,
                "vs INSERT+DELETE loop": f"{JOBS / seconds / baseline:.2f} of {baseline:,.0f}/s",
                "vs bare procrastinate": f"{JOBS / seconds / bare:.2f}",
                "target": ">= 0.80" if processes == 1 else "",
                "met": (JOBS / seconds / bare >= TARGET_VS_BARE) if processes == 1 else None,
            }
        )
    return rows


def planning(world: World) -> list[dict[str, Any]]:
    url = world.db.url
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "insert into public.projects (name) select 'p' || i from generate_series(1, %s) as i",
            (SCHEDULED - 1,),
        )
        conn.execute(
            "insert into public.project_integrations (project_id, provider_id, status)"
            " select id, %s, 'Connected' from public.projects where id <> %s",
            (world.provider_id, world.project_id),
        )
        conn.execute(
            "update public.project_integration_features set next_run_at = now() - interval '1 day'"
            " where next_run_at is not null"
        )
        conn.execute("vacuum analyze")
        started = time.perf_counter()
        row = conn.execute("select private.plan_schedules()").fetchone()
        tick = time.perf_counter() - started
        assert row == (SCHEDULED,), row
        batches = _run_batches(conn)
    return [
        {
            "measure": f"planning tick, {SCHEDULED:,} due on_schedule features",
            "seconds": tick,
            "target": "<= 1 s",
        },
        {
            "measure": f"its {SCHEDULED // 1000} batch jobs (moving schedules on, writing the"
            f" {SCHEDULED:,} logs and jobs), summed; workers run them in parallel",
            "seconds": batches,
        },
    ]


def _run_batches(conn: psycopg.Connection) -> float:
    """Database time of the tick's batch jobs, each in its own transaction as a worker
    runs it."""
    jobs = conn.execute(
        "select args from procrastinate.procrastinate_jobs"
        " where task_name = 'plugboard.plan_schedule_batch' order by id"
    ).fetchall()
    seconds = 0.0
    for (args,) in jobs:
        started = time.perf_counter()
        conn.execute(
            "select private.plan_schedule_batch(%s::uuid[], %s::timestamptz)",
            (args["ids"], args["now"]),
        )
        seconds += time.perf_counter() - started
    return seconds


PAGE = "select count(*) from public.integration_sync_logs_page(%s, %s, %s, %s, 50)"


def logs_page(world: World) -> list[dict[str, Any]]:
    with psycopg.connect(world.db.url, autocommit=True) as conn:
        owner = logs_data.add_owner(conn, world.project_id)
        logs_data.load_logs(
            conn,
            world.project_id,
            world.integration_id,
            world.provider_id,
            list(world.features.values()),
        )
        deep = conn.execute(
            "select created_at, id from public.integration_sync_logs where project_id = %s"
            " order by created_at desc, id desc offset %s limit 1",
            (world.project_id, logs_data.MAIN_SHARE // 2),
        ).fetchone()
        assert deep is not None
        claims = json.dumps({"sub": str(owner), "role": "authenticated"})
        both = {"provider": "testing", "status": ["failed", "partial_success"]}
        cases: list[tuple[str, dict[str, Any], Any, Any]] = [
            ("first page", {}, None, None),
            (f"deep page (after {logs_data.MAIN_SHARE // 2:,} rows)", {}, deep[0], deep[1]),
            ("first page, status failed", {"status": "failed"}, None, None),
            ("first page, provider + any of 2 statuses", both, None, None),
            (
                "first page, one feature",
                {"feature_id": str(world.features["expenses"])},
                None,
                None,
            ),
            (
                "one record's history",
                {"entity_type": "payment", "entity_id": "tx-4242"},
                None,
                None,
            ),
        ]
        rows = []
        for name, filters, after_at, after_id in cases:
            timings = []
            for _ in range(PAGE_CALLS):
                with conn.transaction():
                    conn.execute("set local role authenticated")
                    conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
                    started = time.perf_counter()
                    counted = conn.execute(
                        PAGE, (world.project_id, json.dumps(filters), after_at, after_id)
                    ).fetchone()
                    timings.append(time.perf_counter() - started)
            assert counted is not None and counted[0] > 0, name
            rows.append(
                {
                    "measure": f"Logs page at {logs_data.TOTAL:,} rows: {name}",
                    "p50 ms": _ms(timings, 0.5),
                    "p95 ms": _ms(timings, 0.95),
                    "target": "p95 <= 25",
                }
            )
    return rows


def _timed(name: str, step: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    started = time.perf_counter()
    rows = step()
    print(f"  {name}: {time.perf_counter() - started:.0f} s", flush=True)
    return rows


def main() -> None:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        with scratch_database("engine") as url:
            world = _world(url, directory)
            rows += _timed("trigger latency", lambda: trigger_latency(world, directory))
            rows += _timed("throughput", lambda: throughput(world, directory))
        with scratch_database("engine_plan") as url:
            world = _world(url, directory)
            rows += _timed("planning", lambda: planning(world))
        with scratch_database("engine_logs") as url:
            world = _world(url, directory)
            rows += _timed("logs page", lambda: logs_page(world))
    report(
        "engine",
        rows,
        [
            "2 cores shared with other sessions' test runs: absolute figures carry their load.",
            "Throughput ratio: Plugboard runs per second / bare INSERT+DELETE pairs per second.",
        ],
    )
