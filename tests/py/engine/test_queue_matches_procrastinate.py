"""The job queue our migrations install is the one procrastinate itself installs at the
pinned version: its packaged schema (procrastinate's SchemaManager) applied to an empty
database in the schema `procrastinate`, as procrastinate does with search_path set to it,
plus supabase/schemas/queue/plugboard.sql (Plugboard's changes, the same file the
migrations carry), dumps exactly as a migrated database's `procrastinate` schema does."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from importlib import metadata

import psycopg
import pytest
from procrastinate.schema import SchemaManager

from python_workers.db.migrate import MigrateReport, apply_compat
from python_workers.db.schema_files import SCHEMAS_DIR
from tests.testdb import Database, DatabaseServer, create_database, drop_database, schema_dump

PLUGBOARD_CHANGES = SCHEMAS_DIR / "queue" / "plugboard.sql"
QUEUE_ONLY = ("-n", "procrastinate")


@pytest.fixture
def procrastinates_own(server: DatabaseServer) -> Iterator[str]:
    name = f"pbt_procrastinate_{uuid.uuid4().hex[:8]}"
    create_database(server, name)
    url = server.url(name, admin=True)
    # the same roles and default privileges as a migrated database
    with psycopg.connect(url, autocommit=True) as conn:
        apply_compat(conn, MigrateReport())
    with psycopg.connect(url) as conn:
        conn.execute("set local role postgres")
        conn.execute("create schema procrastinate")
        conn.execute("set local search_path = procrastinate")
        conn.execute(SchemaManager.get_schema())
        conn.execute("set local search_path = ''")
        conn.execute(PLUGBOARD_CHANGES.read_bytes())
    yield url
    drop_database(server, name)


def test_the_migrations_install_procrastinates_own_schema(
    db: Database, procrastinates_own: str
) -> None:
    ours = schema_dump(db.admin_url, *QUEUE_ONLY, comments=True)

    assert "CREATE FUNCTION procrastinate.procrastinate_fetch_job_v2" in ours
    assert schema_dump(procrastinates_own, *QUEUE_ONLY, comments=True) == ours, (
        f"procrastinate {metadata.version('procrastinate')} installs another queue schema than"
        " our migrations: a new pin needs its upgrade migration (docs/contributing.md,"
        " 'Upgrade procrastinate')"
    )
