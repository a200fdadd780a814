"""The real Supabase CLI agrees with Plugboard's runner: `supabase db push` on one fresh
database and `plugboard db migrate` on another give the same schema, and after
`plugboard db migrate` `supabase migration list` shows every migration applied."""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from python_workers.config import REPO_ROOT
from python_workers.db.migrate import MigrateReport, apply_compat, list_migrations, migrate
from tests.testdb import DatabaseServer, create_database, drop_database, schema_dump

SUPABASE = REPO_ROOT / "node_modules" / ".bin" / "supabase"
# what both build: the public and private schemas, owners aside
ONLY_OURS = ("--no-owner", "-n", "public", "-n", "private")


@pytest.fixture
def two_databases(server: DatabaseServer) -> Iterator[tuple[str, str]]:
    names = (f"pbt_cli_{uuid.uuid4().hex[:8]}", f"pbt_runner_{uuid.uuid4().hex[:8]}")
    for name in names:
        create_database(server, name)
    yield names
    for name in names:
        drop_database(server, name)


def supabase(*args: str) -> str:
    assert SUPABASE.exists(), "the Supabase CLI is installed by `make test` (npm ci)"
    result = subprocess.run(
        [str(SUPABASE), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_supabase_db_push_and_plugboard_migrate_build_the_same_schema(
    server: DatabaseServer, two_databases: tuple[str, str]
) -> None:
    pushed, migrated = two_databases
    # Supabase already has roles, auth and Vault: give the CLI's database the same start.
    with psycopg.connect(server.url(pushed, admin=True), autocommit=True) as conn:
        apply_compat(conn, MigrateReport())
    supabase("db", "push", "--db-url", server.url(pushed), "--yes")
    migrate(server.url(migrated, admin=True))

    dumped = schema_dump(server.url(migrated), *ONLY_OURS)
    assert "CREATE TABLE public.project_integrations" in dumped
    assert schema_dump(server.url(pushed), *ONLY_OURS) == dumped


def test_supabase_migration_list_shows_every_plugboard_migration_applied(
    server: DatabaseServer, two_databases: tuple[str, str]
) -> None:
    _, migrated = two_databases
    migrate(server.url(migrated, admin=True))

    listing = supabase("migration", "list", "--db-url", server.url(migrated))

    for migration in list_migrations():
        # a row "local | remote | time" with the version on both sides
        pattern = rf"`?{migration.version}`?\s*\|\s*`?{migration.version}`?"
        assert re.search(pattern, listing), listing
