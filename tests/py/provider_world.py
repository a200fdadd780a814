"""What the provider end-to-end tests (tests/py/companies_house, tests/py/hmrc) share: SQL
against the test's own database, real `plugboard worker` processes pointed at the
sandboxes, and waiting for sync logs to finish."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from python_workers.config import REPO_ROOT
from tests.testdb import Database

FINAL = ("success", "partial_success", "failed")
FAST = [
    "--poll-seconds",
    "0.2",
    "--heartbeat-seconds",
    "0.5",
    "--max-attempts",
    "3",
    "--backoff-base-seconds",
    "0.2",
    "--backoff-cap-seconds",
    "2",
]


def wait_for(probe: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@dataclass
class ProviderWorld:
    db: Database
    logs_dir: Path
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def sql(
        self, query: str, params: Any = None, *, claims: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Runs `query`; with `claims`, as PostgREST would for that JWT (role and claims)."""
        with (
            psycopg.connect(self.db.url, autocommit=True, row_factory=dict_row) as conn,
            conn.transaction(),
        ):
            if claims is not None:
                conn.execute(f"set local role {claims['role']}")
                conn.execute(
                    "select set_config('request.jwt.claims', %s, true)", (json.dumps(claims),)
                )
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def one(self, query: str, params: Any = None, **kwargs: Any) -> dict[str, Any]:
        rows = self.sql(query, params, **kwargs)
        assert len(rows) == 1, rows
        return rows[0]

    def start_workers(self, count: int = 1, concurrency: int = 4) -> None:
        for _ in range(count):
            log = self.logs_dir / f"worker{len(self.processes)}.log"
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "python_workers",
                        "worker",
                        "--concurrency",
                        str(concurrency),
                        *FAST,
                    ],
                    cwd=REPO_ROOT,
                    env={**os.environ, "DATABASE_URL": self.db.url, **self.env},
                    stdout=subprocess.DEVNULL,
                    stderr=log.open("wb"),
                )
            )

    def stop_workers(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()

    def wait_final(
        self, log_ids: list[UUID] | list[str], timeout: float = 30.0
    ) -> list[dict[str, Any]]:
        def final() -> list[dict[str, Any]] | None:
            rows = self.sql(
                "select * from public.integration_sync_logs where id = any(%s::uuid[])"
                " and status = any(%s) order by created_at, action",
                ([str(i) for i in log_ids], list(FINAL)),
            )
            return rows if len(rows) == len(set(map(str, log_ids))) else None

        found: list[dict[str, Any]] = wait_for(final, timeout, f"sync logs {log_ids} to finish")
        return found

    def enqueue(
        self,
        integration_id: UUID,
        action: str,
        feature: str | None = None,
        entity_id: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> UUID:
        row = self.one(
            "select private.enqueue_sync_run(%s, (select f.id from public.integration_features as f"
            " join public.project_integrations as pi on pi.provider_id = f.provider_id"
            " where pi.id = %s and f.key = %s), 'on_manual', %s, null, %s, %s, null) as id",
            (integration_id, integration_id, feature, action, entity_id, json.dumps(params or {})),
        )
        return UUID(str(row["id"]))


def member_claims(user_id: UUID) -> dict[str, Any]:
    return {"role": "authenticated", "sub": str(user_id), "email": "owner@example.com"}


SERVICE_ROLE = {"role": "service_role"}
