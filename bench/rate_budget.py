"""`plugboard bench rate_budget`: what a per-project share costs a take of a shared budget.

Two budgets of 600 slots per 5 minutes, as the Companies House key: one global only, one
with project_share 0.25 (150 slots per project). Each holds 450 slots in its window,
spread over 30 projects, the project taking among them with 100 (under its share, so
every take succeeds and counts the project's slots). A take is one autocommitted
statement, as python_workers/rate_budget.py sends it; the slot taken is freed again
(untimed) so every take sees the same budget. p50 / p99 per take, one taker and four
at once (four of one project count its slots one at a time; four of four projects do not wait
for each other), each as a ratio to
the global-only take measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
import uuid
from typing import Any

import psycopg

from bench.report import report
from bench.scratch_db import scratch_database

CAPACITY = 600
IN_WINDOW = 450
PROJECTS = 30
WARMUP = 200
TAKES = 2_000
TAKERS = 4
PROJECT = uuid.UUID("00000000-0000-4000-8000-0000000b0d9e")
# three of the other projects holding slots (as SEED names them)
OTHER = [uuid.UUID(f"00000000-0000-4000-8000-{n:012d}") for n in (1, 2, 3)]
TAKE = "select slots from private.rate_budget_take(%s, 1, interval '2 minutes', %s)"
FREE = (
    "update private.rate_budget_slots set free_at = '-infinity' where budget_key = %s and slot = %s"
)

# 450 slots in the window: 100 for PROJECT, the rest over 29 other projects
SEED = (
    "select private.rate_budget_define(%(key)s, %(capacity)s, interval '5 minutes')",
    "update private.rate_budgets set project_share = %(share)s where key = %(key)s",
    """
update private.rate_budget_slots as s
set free_at = now() + interval '1 hour',
    project_id = case
        when s.slot < 100 then %(project)s::uuid
        else ('00000000-0000-4000-8000-' || lpad((s.slot %% %(projects)s)::text, 12, '0'))::uuid
    end
where s.budget_key = %(key)s and s.slot < %(in_window)s
""",
)


def _takes_ms(url: str, key: str, project: uuid.UUID | None, count: int) -> list[float]:
    timings = []
    with psycopg.connect(url, autocommit=True) as conn:
        for i in range(WARMUP + count):
            started = time.perf_counter()
            row = conn.execute(TAKE, (key, project)).fetchone()
            elapsed = (time.perf_counter() - started) * 1000
            assert row is not None and len(row[0]) == 1, row
            conn.execute(FREE, (key, row[0][0]))
            if i >= WARMUP:
                timings.append(elapsed)
    return timings


def _concurrent_takes_ms(url: str, key: str, projects: list[uuid.UUID | None]) -> list[float]:
    """TAKERS takers at once, taker i for projects[i % len(projects)]."""
    results: list[list[float]] = []
    lock = threading.Lock()

    def taker(project: uuid.UUID | None) -> None:
        timings = _takes_ms(url, key, project, TAKES // TAKERS)
        with lock:
            results.append(timings)

    threads = [
        threading.Thread(target=taker, args=(projects[i % len(projects)],)) for i in range(TAKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [t for timings in results for t in timings]


def _p(timings: list[float], percent: int) -> float:
    return statistics.quantiles(timings, n=100, method="inclusive")[percent - 1]


def main() -> None:
    # (name, budget, the takers' projects, one taker or TAKERS at once)
    others: list[uuid.UUID | None] = [PROJECT, *(OTHER[:3])]
    variants: list[tuple[str, str, list[uuid.UUID | None], bool]] = [
        ("global only (baseline)", "bench_global", [None], False),
        ("global only, project named", "bench_global", [PROJECT], False),
        ("per-project share", "bench_share", [PROJECT], False),
        (f"global only (baseline), {TAKERS} takers", "bench_global", [None], True),
        (f"per-project share, {TAKERS} takers of one project", "bench_share", [PROJECT], True),
        (f"per-project share, {TAKERS} takers of {TAKERS} projects", "bench_share", others, True),
    ]
    rows: list[dict[str, Any]] = []
    with scratch_database("rate_budget") as url, psycopg.connect(url, autocommit=True) as conn:
        for (key, share), statement in (
            (budget, statement)
            for budget in (("bench_global", None), ("bench_share", 0.25))
            for statement in SEED
        ):
            conn.execute(
                statement,
                {
                    "key": key,
                    "capacity": CAPACITY,
                    "share": share,
                    "project": PROJECT,
                    "projects": PROJECTS,
                    "in_window": IN_WINDOW,
                },
            )
        conn.execute("analyze private.rate_budget_slots")
        baseline: dict[bool, tuple[float, float]] = {}
        for name, key, projects, concurrent in variants:
            timings = (
                _concurrent_takes_ms(url, key, projects)
                if concurrent
                else _takes_ms(url, key, projects[0], TAKES)
            )
            p50, p99 = _p(timings, 50), _p(timings, 99)
            baseline.setdefault(concurrent, (p50, p99))
            rows.append(
                {
                    "take": name,
                    "takes": len(timings),
                    "p50 ms": round(p50, 3),
                    "p99 ms": round(p99, 3),
                    "p50 / baseline": round(p50 / baseline[concurrent][0], 2),
                    "p99 / baseline": round(p99 / baseline[concurrent][1], 2),
                }
            )
    report(
        "rate_budget",
        rows,
        [
            f"budgets of {CAPACITY} slots per 5 minutes, {IN_WINDOW} in the window over "
            f"{PROJECTS} projects (the taker's project: 100, share 0.25 = 150)",
            "each take one autocommitted statement (timed client side); the slot freed "
            f"again untimed; {WARMUP} warm-up takes per connection",
            f"{TAKERS} takers: one connection and thread each, {TAKES // TAKERS} takes each; "
            "baseline of each group: its global-only row",
            f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        ],
    )
