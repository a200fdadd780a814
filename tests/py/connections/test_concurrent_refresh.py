"""100 jobs in 4 worker processes, all holding an expired token (or one the provider
rejects with a 401), make exactly ONE refresh call to QuickBooks between them (the
sandbox counts it), and all 100 succeed with the same new token."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

import httpx
import pytest

from sandboxes.testing import sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import connect
from tests.py.connections.conftest import Sandboxes, World, sandbox_environment
from tests.py.connections.qbo_calls import expire_access_tokens
from tests.testdb import Database

PROCESSES = 4
JOBS_PER_PROCESS = 25


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["expired", "401"])
async def test_100_concurrent_jobs_in_several_processes_make_one_refresh_call(
    mode: str,
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
) -> None:
    page = await connect(functions_client, sandboxes, "quickbooks", world)
    assert page.status_code == 200, page.text
    integration_id = world.integrations["quickbooks"]
    expire_access_tokens(sandboxes.quickbooks)
    if mode == "expired":
        db_reads.execute(
            db,
            "update public.integration_credentials set token_expires_at = now()"
            " where project_integration_id = %s",
            integration_id,
        )
    before = sandbox_counters(sandboxes.quickbooks).get("token_calls_refresh_token", 0)

    reports = _run_workers(str(integration_id), mode, sandboxes, db)

    refresh_calls = sandbox_counters(sandboxes.quickbooks)["token_calls_refresh_token"] - before
    assert refresh_calls == 1
    assert sum(report["ok"] for report in reports) == PROCESSES * JOBS_PER_PROCESS, reports
    fresh = {token for report in reports for token in report["tokens"]}
    # every job ended on the one new token (the 401 jobs also tried the old one first)
    assert len(fresh) == (1 if mode == "expired" else 2)
    assert db_reads.integration(db, integration_id)["status"] == "Connected"


def _run_workers(integration_id: str, mode: str, sandboxes: Sandboxes, db: Database) -> list[Any]:
    """The worker processes, started together; their JSON summaries."""
    start_at = str(time.time() + 6)
    env = {**os.environ, **sandbox_environment(sandboxes, db)}
    command = [
        sys.executable, "-m", "tests.py.connections.refresh_worker", integration_id, start_at,
        str(JOBS_PER_PROCESS), mode, sandboxes.quickbooks.base_url,
    ]  # fmt: skip
    workers = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(PROCESSES)
    ]
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return reports
