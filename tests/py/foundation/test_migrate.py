"""`plugboard db migrate`: compat where missing, every migration once, in order, each in
its own transaction, recorded where the Supabase CLI records them; failures roll back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from python_workers.db.migrate import (
    COMPAT_DIR,
    HISTORY_DDL,
    MIGRATIONS_DIR,
    MigrateReport,
    MigrationError,
    apply_compat,
    list_migrations,
    migrate,
)
from tests.testdb import DatabaseServer, create_database, drop_database


@pytest.fixture
def empty_db(server: DatabaseServer) -> Iterator[str]:
    name = f"pbt_empty_{uuid.uuid4().hex[:8]}"
    create_database(server, name)
    yield name
    drop_database(server, name)


def test_migrate_on_an_empty_database_twice_applies_everything_once(
    server: DatabaseServer, empty_db: str
) -> None:
    first = migrate(server.url(empty_db, admin=True))
    second = migrate(server.url(empty_db, admin=True))

    all_files = [m.path.name for m in list_migrations()]
    assert first.applied == all_files
    assert second.applied == []
    assert second.already_applied == len(all_files)
    assert second.compat_applied == []
    with psycopg.connect(server.url(empty_db, admin=True)) as conn:
        recorded = conn.execute(
            "select version, name, cardinality(statements) > 0"
            " from supabase_migrations.schema_migrations order by version"
        ).fetchall()
    assert [(m.version, m.name, True) for m in list_migrations()] == recorded


def test_compat_is_skipped_where_supabase_pieces_already_exist(
    server: DatabaseServer, empty_db: str
) -> None:
    # Stand-in for a Supabase database: its roles, auth, Vault and extensions exist first.
    with psycopg.connect(server.url(empty_db, admin=True), autocommit=True) as conn:
        apply_compat(conn, MigrateReport())

    report = migrate(server.url(empty_db, admin=True))

    assert report.compat_applied == []
    assert sorted(report.compat_present) == sorted(p.name for p in COMPAT_DIR.glob("*.sql"))
    assert len(report.applied) == len(list_migrations())


def test_migrations_apply_as_a_non_superuser_owner_like_supabase_postgres(
    server: DatabaseServer, empty_db: str
) -> None:
    if server.app_role is None:
        pytest.skip("the configured server has no separate non-superuser owner role")
    migrate(server.url(empty_db, admin=True))
    with psycopg.connect(server.url(empty_db)) as conn:
        superuser, bypassrls = conn.execute(
            "select rolsuper, rolbypassrls from pg_roles where rolname = current_user"
        ).fetchone() or (None, None)
        owners = conn.execute(
            "select distinct tableowner from pg_tables where schemaname = 'public'"
        ).fetchall()
    assert (superuser, bypassrls) == (False, True)
    assert owners == [(server.app_role,)]


def test_a_failing_migration_rolls_back_whole_and_names_file_and_statement(
    server: DatabaseServer, empty_db: str, tmp_path: Path
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    (migrations / "29991231000000_broken.sql").write_text(
        "-- a migration that fails half-way\n"
        "create table public.half_done (id int);\n\n"
        "insert into public.half_done values (1);\n"
        "select 1 / 0;\n"
    )
    url = server.url(empty_db, admin=True)

    with pytest.raises(MigrationError) as failure:
        migrate(url, migrations)

    message = str(failure.value)
    assert "29991231000000_broken.sql" in message
    assert "line 5" in message and "select 1 / 0" in message
    assert "division by zero" in message
    with psycopg.connect(url) as conn:
        assert conn.execute("select to_regclass('public.half_done')").fetchone() == (None,)
        versions = conn.execute("select version from supabase_migrations.schema_migrations")
        assert "29991231000000" not in {row[0] for row in versions}
    # the migrations before it were applied and stay applied
    assert migrate(url).applied == []


def test_a_database_migrated_before_the_squash_is_refused_before_anything_is_applied(
    server: DatabaseServer, empty_db: str
) -> None:
    url = server.url(empty_db, admin=True)
    with psycopg.connect(url, autocommit=True) as conn:
        for ddl in HISTORY_DDL:
            conn.execute(ddl.encode())
        if server.app_role:  # owned, as the runner leaves it, by the role migrations run as
            conn.execute(f"alter schema supabase_migrations owner to {server.app_role}")
            conn.execute(
                f"alter table supabase_migrations.schema_migrations owner to {server.app_role}"
            )
        # a version of the migrations squashed into the baselines (issue #19)
        conn.execute(
            "insert into supabase_migrations.schema_migrations (version, name)"
            " values ('20261125000100', 'integration_enums')"
        )

    result = subprocess.run(
        [sys.executable, "-m", "python_workers", "db", "migrate"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    output = " ".join(result.stdout.split())
    assert result.returncode == 1, output + result.stderr
    assert "migrated before the migrations were squashed" in output
    assert "20261125000100" in output and "plugboard db reset" in output
    with psycopg.connect(url) as conn:
        versions = conn.execute("select version from supabase_migrations.schema_migrations")
        assert [row[0] for row in versions] == ["20261125000100"]
        # not even the compat layer or the job queue: nothing was applied
        schemas = conn.execute(
            "select to_regnamespace('private'), to_regnamespace('procrastinate')"
        ).fetchone()
        assert schemas == (None, None)
