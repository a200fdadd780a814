"""`plugboard functions` serves functions/ over real HTTP (and `plugboard up` runs it)."""

from __future__ import annotations

import httpx

from python_workers.cli.up_services import foreground_services
from python_workers.db.target import DatabaseTarget
from tests.py.connections.conftest import Sandboxes, sandbox_environment
from tests.py.connections.functions_process import functions_process
from tests.testdb import Database


def test_plugboard_functions_serves_health_and_refuses_anonymous_starts(
    sandboxes: Sandboxes, db: Database
) -> None:
    with functions_process(sandbox_environment(sandboxes, db)) as server:
        health = httpx.get(f"{server.base_url}/health", timeout=5)
        assert health.json() == {"ok": True}
        start = httpx.get(
            f"{server.base_url}/oauth/quickbooks/start", params={"project_id": "x"}, timeout=5
        )
        assert start.status_code == 401


def test_plugboard_up_runs_functions(db: Database) -> None:
    names = [s.name for s in foreground_services(DatabaseTarget(db.url, db.url, None))]
    assert "functions" in names
