"""Proves the Logs chart's cache (private.sync_log_day_counts) never keeps a stale count
when a chart fills a closed day while a run of that day is written in another transaction:
whichever comes first, the other waits for it (the advisory lock of
private.sync_log_day_counts_lock), so the fill either counts the write or is dropped by it.
Two real connections; without the lock both orders would leave the day one run short."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import psycopg

from functions.console.chart import DAYS
from functions.console.queries import OUTCOMES_BY_DAY
from tests.testdb import Database

# a run logged late into a closed day, three days ago (the chart caches days before today)
LATE_LOG = """
insert into public.integration_sync_logs (project_id, provider_id, trigger_type, direction, status,
    action, created_at)
select %s, p.id, 'on_manual', 'outbound', 'success', 'act', now() - interval '3 days'
from public.integration_providers as p where p.key = 'quickbooks'
"""


def _project_and_owner(db: Database) -> tuple[UUID, UUID]:
    with psycopg.connect(db.url, autocommit=True) as conn:
        project = conn.execute(
            "insert into public.projects (name, country_code) values ('Chart', 'FR') returning id"
        ).fetchone()
        owner = conn.execute(
            "insert into auth.users (id, email) values (gen_random_uuid(), 'chart@test.invalid')"
            " returning id"
        ).fetchone()
        assert project is not None and owner is not None
        conn.execute(
            "insert into public.project_members (project_id, user_id, role_id)"
            " select %s, %s, id from public.roles where key = 'project:owner'",
            (project[0], owner[0]),
        )
        return project[0], owner[0]


def _chart(conn: psycopg.Connection[Any], project: UUID, owner: UUID) -> int:
    """The late day's successful runs as the chart shows them, read as the owner in the
    connection's open transaction."""
    conn.execute("set local role authenticated")
    claims = json.dumps({"sub": str(owner), "role": "authenticated"})
    conn.execute("select set_config('request.jwt.claims', %s, true)", (claims,))
    rows = conn.execute(OUTCOMES_BY_DAY, {"project": project, "days": DAYS}).fetchall()
    conn.execute("reset role")
    late_day = datetime.now(UTC).date() - timedelta(days=3)
    return sum(int(runs) for day, status, runs in rows if day == late_day and status == "success")


def _waits_on_advisory_lock(db: Database, blocked: psycopg.Connection[Any]) -> bool:
    pid = blocked.info.backend_pid
    deadline = time.monotonic() + 10
    with psycopg.connect(db.url, autocommit=True) as watch:
        while time.monotonic() < deadline:
            row = watch.execute(
                "select wait_event from pg_stat_activity where pid = %s", (pid,)
            ).fetchone()
            if row is not None and row[0] == "advisory":
                return True
            time.sleep(0.02)
    return False


def _in_thread(work: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_a_chart_waits_for_an_open_write_to_a_closed_day_and_counts_it(db: Database) -> None:
    project, owner = _project_and_owner(db)
    seen: list[int] = []
    with psycopg.connect(db.url) as writer, psycopg.connect(db.url) as reader:
        writer.execute(LATE_LOG, (project,))  # open: its trigger holds the shared lock
        chart = _in_thread(lambda: seen.append(_chart(reader, project, owner)))
        waited = _waits_on_advisory_lock(db, reader)
        writer.commit()
        chart.join(timeout=10)
        reader.commit()
        assert seen == [1]
        assert _chart(reader, project, owner) == 1, "the cached day counts the run"
        assert waited, "the chart's fill waited for the write"


def test_a_write_to_a_closed_day_waits_for_an_open_fill_and_drops_it(db: Database) -> None:
    project, owner = _project_and_owner(db)
    with psycopg.connect(db.url) as writer, psycopg.connect(db.url) as reader:
        assert _chart(reader, project, owner) == 0  # open: the fill holds the lock alone

        def late_write() -> None:
            writer.execute(LATE_LOG, (project,))
            writer.commit()

        write = _in_thread(late_write)
        waited = _waits_on_advisory_lock(db, writer)
        reader.commit()
        write.join(timeout=10)
        assert _chart(reader, project, owner) == 1, "the day is counted again, the run in it"
        reader.commit()
        assert waited, "the write waited for the fill"
