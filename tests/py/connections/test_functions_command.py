"""`plugboard functions` serves functions/ over real HTTP (and `plugboard up` runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from python_workers.cli.services import foreground_services
from python_workers.db.target import DatabaseTarget
from sandboxes.common.server import free_port
from tests.py.connections.conftest import Sandboxes, sandbox_environment
from tests.testdb import Database


def test_plugboard_functions_serves_health_and_refuses_anonymous_starts(
    sandboxes: Sandboxes, db: Database
) -> None:
    port = free_port()
    env = {
        **os.environ,
        **sandbox_environment(sandboxes, db),
        "PLUGBOARD_FUNCTIONS_PORT": str(port),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "functions"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                health = httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "functions did not start"
                time.sleep(0.1)
        assert health.json() == {"ok": True}
        start = httpx.get(f"{base}/oauth/quickbooks/start", params={"project_id": "x"})
        assert start.status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_plugboard_up_runs_functions(db: Database) -> None:
    names = [s.name for s in foreground_services(DatabaseTarget(db.url, db.url, None))]
    assert "functions" in names
