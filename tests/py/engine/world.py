"""The engine tests' world (also the engine benchmark's): a test-only provider in the
catalogue (tests/py/engine/testing_provider.py, server action `act`), a project with its
integration Connected, real `plugboard worker` processes against the database, and the
file the provider records its calls in."""

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
from typing import Any, BinaryIO, TypeVar
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from python_workers.config import REPO_ROOT
from tests.testdb import Database

T = TypeVar("T")
TEST_PROVIDER = "testing=tests.py.engine.testing_provider"
FAST = [
    "--poll-seconds",
    "0.2",
    "--heartbeat-seconds",
    "0.5",
    "--stalled-after-seconds",
    "2",
    "--backoff-base-seconds",
    "0.4",
    "--backoff-cap-seconds",
    "4",
    "--max-attempts",
    "3",
]

# feature key -> (trigger, config, entity type)
FEATURES: dict[str, tuple[str, dict[str, Any], str]] = {
    "expenses": (
        "on_status_change",
        {
            "entity": "transactions",
            "filter": {"status": "Approved", "transaction_type": ["Expense", "Invoice"]},
        },
        "transaction",
    ),
    "vendors": (
        "on_status_change",
        {
            "entity": "project_relationships",
            "filter": {"status": "Active", "role_can_be_vendor": True},
        },
        "vendor",
    ),
    "manual": ("on_manual", {"entity": "projects"}, "thing"),
    "nightly": ("on_schedule", {"entity": "projects", "schedule": "0 2 * * *"}, "reference"),
    "lookup": (
        "on_link",
        {"entity": "project_relationships", "filter": {"entity_type": "Business"}},
        "company",
    ),
    "events": ("realtime", {"entity": "transactions"}, "payment"),
}


@dataclass
class World:
    db: Database
    calls_file: Path
    project_id: UUID
    integration_id: UUID
    provider_id: UUID
    features: dict[str, UUID] = field(default_factory=dict)

    def connect(self) -> psycopg.Connection[dict[str, Any]]:
        return psycopg.connect(self.db.url, autocommit=True, row_factory=dict_row)

    def sql(self, query: str, params: Any = None) -> list[dict[str, Any]]:
        with self.connect() as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def calls(self) -> list[dict[str, Any]]:
        if not self.calls_file.exists():
            return []
        return [json.loads(line) for line in self.calls_file.read_text().splitlines()]

    def starts(self, log_id: UUID | str) -> list[dict[str, Any]]:
        return [c for c in self.calls() if c["log_id"] == str(log_id) and c["event"] == "start"]

    def enqueue(self, feature: str, entity_id: str | None = None, **params: Any) -> UUID:
        row = self.sql(
            "select private.enqueue_sync_run(%s, %s, 'on_manual', 'act', 'thing', %s, %s, null)"
            " as id",
            (
                self.integration_id,
                self.features[feature],
                entity_id,
                json.dumps({"feature": feature, "entity_id": entity_id, **params}),
            ),
        )
        return UUID(str(row[0]["id"]))

    def logs(self) -> list[dict[str, Any]]:
        return self.sql("select * from public.integration_sync_logs order by created_at, id")

    def log(self, log_id: UUID) -> dict[str, Any]:
        return self.sql("select * from public.integration_sync_logs where id = %s", (log_id,))[0]

    def wait_final(self, log_ids: list[UUID], timeout: float = 30.0) -> list[dict[str, Any]]:
        def final() -> list[dict[str, Any]] | None:
            rows = self.sql(
                "select * from public.integration_sync_logs where id = any(%s)"
                " and status in ('success', 'partial_success', 'failed')",
                (log_ids,),
            )
            return rows if len(rows) == len(set(log_ids)) else None

        return wait_for(final, timeout, f"logs {log_ids} to finish")


def wait_for(probe: Callable[[], T | None], timeout: float, what: str, interval: float = 0.05) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def create_world(db: Database, calls_file: Path) -> World:
    with psycopg.connect(db.url, autocommit=True, row_factory=dict_row) as conn:
        provider = conn.execute(
            "insert into public.integration_providers (key, name, auth_method, credential_scope,"
            " server_actions) values ('testing', 'Test provider', 'none', 'per_project', '{act}')"
            " returning id"
        ).fetchone()
        assert provider is not None
        world = World(db, calls_file, UUID(int=0), UUID(int=0), provider["id"])
        for key, (trigger, config, entity_type) in FEATURES.items():
            row = conn.execute(
                "insert into public.integration_features (provider_id, key, name, default_trigger,"
                " default_trigger_config, sync_direction, entity_type, server_action)"
                " values (%s, %s, %s, %s, %s, 'outbound', %s, 'act') returning id",
                (provider["id"], key, key, trigger, json.dumps(config), entity_type),
            ).fetchone()
            assert row is not None
            world.features[key] = row["id"]
        project = conn.execute(
            "insert into public.projects (name) values ('P') returning id"
        ).fetchone()
        assert project is not None
        integration = conn.execute(
            "insert into public.project_integrations (project_id, provider_id, status)"
            " values (%s, %s, 'Connected') returning id",
            (project["id"], provider["id"]),
        ).fetchone()
        assert integration is not None
    world.project_id = project["id"]
    world.integration_id = integration["id"]
    return world


class Workers:
    """`python -m python_workers worker` processes against the world's database."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs: list[BinaryIO] = []  # each worker's stderr, kept beside the calls file

    def start(self, *args: str, concurrency: int = 4) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DATABASE_URL": self.world.db.url,
            "PLUGBOARD_EXTRA_PROCESSORS": TEST_PROVIDER,
            "PLUGBOARD_TEST_CALLS": str(self.world.calls_file),
        }
        log = self.world.calls_file.with_suffix(f".worker{len(self.processes)}.log").open("wb")
        self.logs.append(log)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "python_workers",
                "worker",
                "--concurrency",
                str(concurrency),
                *FAST,
                *args,
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.close()
