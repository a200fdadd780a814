"""A real `plugboard worker` with PLUGBOARD_METRICS_PORT set: /healthz says ready once it
listens to the queue; /metrics counts runs by provider, action and outcome, times them,
shows the queue's depth and its longest wait, and counts stalled jobs its sweeper
recovered; a worker whose database does not answer is alive but not ready."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator

import httpx
import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from python_workers.config import REPO_ROOT
from tests.py.engine.world import Workers, World, wait_for
from tests.py.ops_endpoints import Samples, endpoint, free_port, scrape, value

RUN = {"provider": "testing", "action": "act"}


def start_with_endpoints(
    workers: Workers, monkeypatch: pytest.MonkeyPatch, concurrency: int = 4
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    monkeypatch.setenv("PLUGBOARD_METRICS_PORT", str(port))
    process = workers.start(concurrency=concurrency)
    wait_for(lambda: endpoint(port, "/healthz").status_code == 200, 30, "the worker to be ready")
    return process, port


def settled(port: int, done: Callable[[Samples], bool]) -> Samples:
    """The metrics once `done` holds (a run's counters move just after its log commits)."""

    def ready() -> Samples | None:
        samples = scrape(port)
        return samples if done(samples) else None

    return wait_for(ready, 10, "the metrics")


def test_healthz_is_ready_and_metrics_count_runs_by_outcome(
    world: World, workers: Workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, port = start_with_endpoints(workers, monkeypatch)
    assert endpoint(port, "/healthz").json() == {
        "alive": True, "ready": True, "checks": {"database": "ok", "queue": "ok"},
    }  # fmt: skip
    assert endpoint(port, "/healthz/live").json() == {"alive": True}

    ok = [world.enqueue("manual", f"ok-{i}") for i in range(3)]
    flaky = world.enqueue("manual", "flaky", fail_times=1)  # attempt 1 fails, 2 succeeds
    refused = world.enqueue("manual", "refused", fail="permanent")
    world.wait_final([*ok, flaky, refused])
    samples = settled(
        port, lambda s: value(s, "plugboard_run_duration_seconds_count", **RUN,
                              outcome="succeeded") == 4
    )  # fmt: skip

    assert value(samples, "plugboard_jobs_started_total", **RUN) == 6
    assert value(samples, "plugboard_jobs_succeeded_total", **RUN, status="success") == 4
    assert value(samples, "plugboard_jobs_retried_total", **RUN, error_code="flaky") == 1
    assert value(samples, "plugboard_jobs_failed_total", **RUN, error_code="always") == 1
    for outcome, count in (("succeeded", 4), ("retried", 1), ("failed", 1)):
        runs = {**RUN, "outcome": outcome}
        assert value(samples, "plugboard_run_duration_seconds_count", **runs) == count
        assert value(samples, "plugboard_run_duration_seconds_bucket", **runs, le="+Inf") == count
    assert value(samples, "plugboard_queue_jobs", queue="sync", state="waiting") == 0
    assert ("plugboard_queue_jobs", frozenset({("queue", "plugboard"), ("state", "running")})) in (
        samples
    )


def test_queue_gauges_show_waiting_jobs_and_the_longest_wait(
    world: World, workers: Workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, port = start_with_endpoints(workers, monkeypatch, concurrency=1)
    busy = world.enqueue("manual", "busy", sleep=4)
    wait_for(lambda: world.starts(busy), 30, "the first run to start")
    waiting = [world.enqueue("manual", f"behind-{i}") for i in range(3)]
    wait_for(lambda: value(scrape(port), "plugboard_queue_oldest_waiting_seconds", queue="sync")
             >= 1.0, 10, "the wait to grow")  # fmt: skip
    samples = scrape(port)
    assert value(samples, "plugboard_queue_jobs", queue="sync", state="waiting") == 3
    assert value(samples, "plugboard_queue_jobs", queue="sync", state="running") == 1
    assert value(samples, "plugboard_queue_oldest_waiting_seconds", queue="sync") < 4.0
    world.wait_final([busy, *waiting])
    samples = scrape(port)
    assert value(samples, "plugboard_queue_jobs", queue="sync", state="waiting") == 0
    assert value(samples, "plugboard_queue_oldest_waiting_seconds", queue="sync") == 0


def test_the_sweeper_counts_the_stalled_job_it_recovered(
    world: World, workers: Workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim, _ = start_with_endpoints(workers, monkeypatch)
    log_id = world.enqueue("manual", "killed", sleep=3)
    wait_for(lambda: world.starts(log_id), 30, "the job to start")
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    _, port = start_with_endpoints(workers, monkeypatch)
    [log] = world.wait_final([log_id], timeout=60)
    assert log["attempt"] == 2 and log["status"] == "success"
    samples = settled(port, lambda s: value(s, "plugboard_jobs_succeeded_total", **RUN,
                                            status="success") == 1)  # fmt: skip
    assert value(samples, "plugboard_stalled_jobs_recovered_total", outcome="retried") == 1


def test_a_worker_that_loses_its_database_is_alive_but_not_ready(
    world: World, workers: Workers, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, port = start_with_endpoints(workers, monkeypatch)
    with psycopg.connect(make_conninfo(world.db.admin_url, dbname="postgres"),
                         autocommit=True) as admin:  # fmt: skip
        name = sql.Identifier(world.db.name)
        admin.execute(sql.SQL("alter database {} allow_connections false").format(name))
        try:
            admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s",
                (world.db.name,),
            )

            def not_ready() -> httpx.Response | None:
                response = endpoint(port, "/healthz")
                return response if response.status_code == 503 else None

            health = wait_for(not_ready, 10, "the worker to say it is not ready")
            checks = health.json()["checks"]
            assert checks["database"].startswith("the database does not answer")
            assert checks["queue"] == "the worker is not listening for new jobs"
            assert endpoint(port, "/healthz/live").status_code == 200
        finally:
            admin.execute(sql.SQL("alter database {} allow_connections true").format(name))


def test_a_metrics_port_already_taken_stops_the_worker_saying_which(world: World) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "python_workers", "worker"],
            cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": world.db.url,
                                "PLUGBOARD_METRICS_PORT": str(port)},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"error: cannot serve /healthz and /metrics on 127.0.0.1:{port} (Address already in"
        " use): set PLUGBOARD_METRICS_PORT to a free port, or to 0 to serve none"
    )
    assert not world.sql("select from procrastinate.procrastinate_workers")  # never started


@pytest.fixture
def silent_database() -> Iterator[int]:
    """A port that accepts connections and never answers: a database that hangs."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


def test_a_worker_whose_database_does_not_answer_is_alive_but_not_ready(
    silent_database: int,
) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "worker"],
        cwd=REPO_ROOT,
        env={**os.environ, "PLUGBOARD_METRICS_PORT": str(port),
             "DATABASE_URL": f"postgresql://plugboard@127.0.0.1:{silent_database}/postgres"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        health = endpoint(port, "/healthz")
        assert health.status_code == 503
        body = health.json()
        assert (body["alive"], body["ready"]) == (True, False)
        assert body["checks"]["database"].startswith("the database does not answer")
        assert body["checks"]["queue"] == "the worker is not listening for new jobs"
        assert endpoint(port, "/healthz/live").status_code == 200
        assert scrape(port) is not None  # metrics still served, without the queue gauges
    finally:
        process.kill()
        process.wait()
