"""`plugboard db migrate` installs procrastinate's schema in `procrastinate` once (its
shipped migrations recorded as applied), applies a shipped migration it has not recorded
when the pinned version brings one, and does nothing the second time; procrastinate's own
check finds its schema where the workers look for it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import procrastinate
import psycopg
import pytest

from python_workers.db import queue_schema
from python_workers.db.migrate import migrate
from python_workers.engine.app import queue_connector
from tests.testdb import Database


def test_a_migrated_database_has_the_queue_recorded(db: Database) -> None:
    with psycopg.connect(db.url) as conn:
        recorded = {
            row[0]
            for row in conn.execute("select name from procrastinate.plugboard_queue_migrations")
        }
        owner = conn.execute(
            "select pg_get_userbyid(relowner) from pg_class"
            " where oid = 'procrastinate.procrastinate_jobs'::regclass"
        ).fetchone()
    assert recorded == {path.name for path in queue_schema.shipped_migrations()}
    assert owner == ("postgres",)
    assert migrate(db.admin_url).queue_applied == []


def test_a_new_shipped_migration_is_applied_once(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade = tmp_path / "99.00.00_01_plugboard_test_upgrade.sql"
    upgrade.write_text("create table procrastinate_upgrade_probe (id integer);")
    shipped = queue_schema.shipped_migrations()
    monkeypatch.setattr(queue_schema, "shipped_migrations", lambda: [*shipped, upgrade])
    assert migrate(db.admin_url).queue_applied == [f"procrastinate {upgrade.name}"]
    assert migrate(db.admin_url).queue_applied == []
    with psycopg.connect(db.url) as conn:
        probe = conn.execute(
            "select to_regclass('procrastinate.procrastinate_upgrade_probe')"
        ).fetchone()
    assert probe is not None and probe[0] is not None


def test_procrastinate_sees_its_schema_through_the_workers_connection(db: Database) -> None:
    async def check() -> bool:
        app = procrastinate.App(connector=queue_connector(db.url, max_size=2))
        async with app.open_async():
            return bool(await app.check_connection_async())

    assert asyncio.run(check())
