"""`plugboard status` against a database holding waiting, scheduled, running and stalled
jobs, a live and a silent worker, and failed runs within and before the last hour: every
number it prints, as tables and as --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from python_workers.config import REPO_ROOT
from tests.py.engine.world import World


def plugboard_status(world: World, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "python_workers", "status", *args],
        cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": world.db.url, "COLUMNS": "120"},
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout


def queue_sql(world: World, query: str, params: Any = None) -> list[dict[str, Any]]:
    """SQL on procrastinate's tables, whose triggers name its types without a schema."""
    with psycopg.connect(
        world.db.url, autocommit=True, row_factory=dict_row,
        options="-c search_path=procrastinate,public",
    ) as conn:  # fmt: skip
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def job_of(world: World, log_id: UUID) -> int:
    [row] = world.sql(
        "select id from procrastinate.procrastinate_jobs where args ->> 'log_id' = %s",
        (str(log_id),),
    )
    return int(row["id"])


def worker_beating(world: World, ago: str) -> int:
    [row] = world.sql(
        "insert into procrastinate.procrastinate_workers (last_heartbeat)"
        " values (now() - %s::interval) returning id",
        (ago,),
    )
    return int(row["id"])


def fail(world: World, log_id: UUID, code: str, finished_ago: str) -> None:
    world.sql(
        "update public.integration_sync_logs set status = 'failed', error_code = %s,"
        " error_message = 'it failed', finished_at = now() - %s::interval where id = %s",
        (code, finished_ago, log_id),
    )
    job = job_of(world, log_id)
    queue_sql(world, "delete from procrastinate.procrastinate_jobs where id = %s", (job,))


def build_queue(world: World) -> dict[str, Any]:
    first, _second, running, stalled, retry = (world.enqueue("manual", f"r{i}") for i in range(5))
    live, silent = worker_beating(world, "1 second"), worker_beating(world, "5 minutes")
    for log_id, worker in ((running, live), (stalled, silent)):
        queue_sql(
            world,
            "update procrastinate.procrastinate_jobs set status = 'doing', worker_id = %s"
            " where id = %s",
            (worker, job_of(world, log_id)),
        )
    queue_sql(
        world,
        "update procrastinate.procrastinate_jobs set scheduled_at = now() + interval '1 hour'"
        " where id = %s",
        (job_of(world, retry),),
    )
    queue_sql(  # the first waiting job was queued ten minutes ago
        world,
        "update procrastinate.procrastinate_events set at = now() - interval '10 minutes'"
        " where job_id = %s and type = 'deferred'",
        (job_of(world, first),),
    )
    for code, ago in (("http_503", "1 minute"), ("http_503", "50 minutes"),
                      ("records_failed", "2 minutes"), ("records_failed", "2 hours")):  # fmt: skip
        fail(world, world.enqueue("manual", f"failed-{code}-{ago}"), code, ago)
    return {"live": live, "silent": silent, "stalled": stalled}


def test_status_reports_the_queue_workers_stalled_jobs_and_recent_failures(world: World) -> None:
    made = build_queue(world)
    report = json.loads(plugboard_status(world, "--json"))

    [sync] = report["queues"]
    assert {k: sync[k] for k in ("queue", "waiting", "scheduled", "running")} == {
        "queue": "sync", "waiting": 2, "scheduled": 1, "running": 2,
    }  # fmt: skip
    assert 600 <= sync["oldest_waiting_seconds"] < 660
    workers = {w["id"]: w for w in report["workers"]}
    assert (workers[made["live"]]["live"], workers[made["live"]]["running"]) == (True, 1)
    assert (workers[made["silent"]]["live"], workers[made["silent"]]["running"]) == (False, 1)
    [stalled] = report["stalled_jobs"]
    assert (stalled["log_id"], stalled["worker_id"]) == (str(made["stalled"]), made["silent"])
    assert report["failures_last_hour"] == [
        {"provider": "testing", "error_code": "http_503", "runs": 2},
        {"provider": "testing", "error_code": "records_failed", "runs": 1},
    ]

    text = plugboard_status(world)
    assert "Workers (1 live: a heartbeat within 30 s)" in text
    assert "Stalled jobs (1:" in text and str(made["stalled"]) in text
    [queue_row] = [line for line in text.splitlines() if line.startswith("│ sync")]
    assert queue_row.split("│")[2:5] == [" 2 ".rjust(9), " 1 ".rjust(11), " 2 ".rjust(9)]
    [failure_row] = [line for line in text.splitlines() if "http_503" in line]
    assert failure_row.split("│")[-2].strip() == "2"


def test_status_of_an_empty_queue(world: World) -> None:
    text = plugboard_status(world)
    for part in ("Queues: empty", "Workers (0 live", "none registered", "Stalled jobs (0",
                 "Failed runs, last hour: none"):  # fmt: skip
        assert part in text
