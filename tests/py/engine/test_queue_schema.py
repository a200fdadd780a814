"""The job queue comes with the migrations (20261204490000, 20261204490100): a migrated
database has it, owned by `postgres`, where the workers' connections look for it; a
database whose queue an earlier `plugboard db migrate` installed is adopted, not rebuilt."""

from __future__ import annotations

import asyncio

import procrastinate
import psycopg
import pytest

from python_workers.db import queue_schema
from python_workers.db.migrate import migrate
from python_workers.engine.queue_connector import queue_connector
from tests.testdb import Database

QUEUE_VERSIONS = ("20261204490000", "20261204490100")


def test_a_migrated_database_has_the_queue_from_its_migrations(db: Database) -> None:
    with psycopg.connect(db.url) as conn:
        recorded = conn.execute(
            "select version from supabase_migrations.schema_migrations"
            " where version = any(%s) order by version",
            (list(QUEUE_VERSIONS),),
        ).fetchall()
        owner = conn.execute(
            "select pg_get_userbyid(relowner) from pg_class"
            " where oid = 'procrastinate.procrastinate_jobs'::regclass"
        ).fetchone()
    assert [row[0] for row in recorded] == list(QUEUE_VERSIONS)
    assert owner == ("postgres",)


def earlier_install(db: Database, names: list[str]) -> None:
    """Make the database look as an earlier `plugboard db migrate` left it: the queue there,
    its own record of procrastinate's migrations, no queue migration recorded."""
    with psycopg.connect(db.admin_url) as conn:
        conn.execute("set role postgres")  # as `plugboard db migrate` created it
        conn.execute(
            "delete from supabase_migrations.schema_migrations where version = %s",
            (QUEUE_VERSIONS[0],),
        )
        conn.execute(
            f"create table {queue_schema.EARLIER_HISTORY} (name text primary key,"
            " procrastinate_version text not null)"
        )
        conn.cursor().executemany(
            f"insert into {queue_schema.EARLIER_HISTORY} values (%s, '3.10.0')",
            [(name,) for name in names],
        )


def test_a_queue_installed_by_an_earlier_migrate_is_adopted(db: Database) -> None:
    earlier_install(db, queue_schema.shipped_migrations())

    report = migrate(db.admin_url)

    assert report.adopted == ["20261204490000_procrastinate_queue.sql"]
    assert report.applied == []
    with psycopg.connect(db.url) as conn:
        gone = conn.execute("select to_regclass(%s)", (queue_schema.EARLIER_HISTORY,)).fetchone()
    assert gone == (None,)
    assert migrate(db.admin_url).adopted == []


def test_an_earlier_queue_at_another_version_is_refused(db: Database) -> None:
    earlier_install(db, queue_schema.shipped_migrations()[:-1])

    with pytest.raises(queue_schema.EarlierQueueError, match="plugboard db reset"):
        migrate(db.admin_url)


def test_procrastinate_sees_its_schema_through_the_workers_connection(db: Database) -> None:
    async def check() -> bool:
        app = procrastinate.App(connector=queue_connector(db.url, max_size=2))
        async with app.open_async():
            return bool(await app.check_connection_async())

    assert asyncio.run(check())
