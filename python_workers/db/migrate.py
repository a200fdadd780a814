"""The migration runner: the compat layer where Supabase's pieces are missing, then every
migration not applied yet (the job queue's schema first, python_workers/db/queue_schema.py),
each in its own transaction, recorded where the Supabase CLI records them
(supabase_migrations.schema_migrations) so `supabase db push` agrees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from python_workers.config import REPO_ROOT
from python_workers.db import queue_schema
from python_workers.db.sql_files import Statement, read_statements
from python_workers.db.target import APP_ROLE
from python_workers.db.vault_key import ensure_vault_key

MIGRATIONS_DIR = REPO_ROOT / "supabase" / "migrations"
COMPAT_DIR = REPO_ROOT / "supabase" / "compat"
MIGRATION_NAME = re.compile(r"^(?P<version>\d{14})_(?P<name>[a-z0-9_]+)\.sql$")
# Serialises concurrent `db migrate` runs against one database.
MIGRATE_LOCK_KEY = 7_201_505_001

HISTORY_DDL = (
    "create schema if not exists supabase_migrations",
    "create table if not exists supabase_migrations.schema_migrations"
    " (version text not null primary key)",
    "alter table supabase_migrations.schema_migrations add column if not exists statements text[]",
    "alter table supabase_migrations.schema_migrations add column if not exists name text",
)


class MigrationError(RuntimeError):
    """A migration or compat file failed; it was rolled back whole."""

    def __init__(self, path: Path, statement: Statement, cause: psycopg.Error) -> None:
        self.path = path
        self.statement = statement
        self.cause = cause
        code_lines = [
            line
            for line in statement.text.splitlines()
            if line.strip() and not line.lstrip().startswith("--")
        ]
        first_line = (code_lines or [""])[0].strip()[:120]
        super().__init__(
            f"{path.name}, line {statement.line}: `{first_line}` failed: "
            f"{str(cause).strip()} — the whole file was rolled back"
        )


class SquashedHistoryError(RuntimeError):
    """The database was migrated with migrations the folder no longer has (before the squash)."""

    def __init__(self, versions: list[str], baseline: Migration) -> None:
        self.versions = versions
        super().__init__(
            f"this database holds {len(versions)} migration(s) older than "
            f"{baseline.path.name} that supabase/migrations no longer has "
            f"({versions[0]} … {versions[-1]}): it was migrated before the migrations were "
            "squashed into baselines, and they cannot be applied on top of it. Nothing was "
            "applied. Rebuild it: `plugboard db reset` (the local database: drops it, migrates "
            "and seeds it again; `--force` for the one DATABASE_URL names)."
        )


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path


@dataclass
class MigrateReport:
    compat_applied: list[str] = field(default_factory=list)
    compat_present: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    # recorded as applied without running: what they create was already there
    adopted: list[str] = field(default_factory=list)
    already_applied: int = 0
    vault_key_written: bool = False
    warnings: list[str] = field(default_factory=list)


def list_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path.name}: migrations are named <YYYYMMDDHHMMSS>_<name>.sql")
        migrations.append(Migration(match["version"], match["name"], path))
    return migrations


def _probe(path: Path) -> str:
    """The query heading a compat file: true when Supabase's piece is already there.

    It is written `-- probe: <select …>`, continued on lines starting `--   `.
    """
    lines = path.read_text().splitlines()
    if not lines or not lines[0].startswith("-- probe: "):
        raise ValueError(f"{path.name}: a compat file starts with `-- probe: <select …>`")
    parts = [lines[0].removeprefix("-- probe: ")]
    for line in lines[1:]:
        if not line.startswith("--   "):
            break
        parts.append(line.removeprefix("--   "))
    return " ".join(parts)


def run_file(conn: psycopg.Connection, path: Path, statements: list[Statement]) -> None:
    for statement in statements:
        try:
            conn.execute(statement.text.encode())
        except psycopg.Error as exc:
            raise MigrationError(path, statement, exc) from exc


@contextmanager
def transaction(conn: psycopg.Connection, role: str | None) -> Iterator[None]:
    with conn.transaction():
        if role:
            conn.execute(sql.SQL("set local role {}").format(sql.Identifier(role)))
        yield


def apply_compat(conn: psycopg.Connection, report: MigrateReport) -> None:
    for path in sorted(COMPAT_DIR.glob("*.sql")):
        present = conn.execute(_probe(path).encode()).fetchone()
        if present and present[0]:
            report.compat_present.append(path.name)
            continue
        with transaction(conn, None):
            run_file(conn, path, read_statements(path))
        report.compat_applied.append(path.name)


def migration_role(conn: psycopg.Connection) -> str | None:
    """Run migrations as Supabase's `postgres` owner when connected as someone else."""
    row = conn.execute(
        "select current_user <> %s and exists (select from pg_roles where rolname = %s)",
        (APP_ROLE, APP_ROLE),
    ).fetchone()
    return APP_ROLE if row and row[0] else None


def apply_migrations(
    conn: psycopg.Connection, report: MigrateReport, directory: Path = MIGRATIONS_DIR
) -> None:
    role = migration_role(conn)
    with transaction(conn, role):
        for ddl in HISTORY_DDL:
            conn.execute(ddl.encode())
    done = {
        row[0] for row in conn.execute("select version from supabase_migrations.schema_migrations")
    }
    for migration in list_migrations(directory):
        if migration.version in done:
            report.already_applied += 1
            continue
        statements = read_statements(migration.path)
        with transaction(conn, role):
            is_queue = migration.path == queue_schema.QUEUE_MIGRATION
            if is_queue and queue_schema.earlier_install(conn):
                queue_schema.adopt_earlier_install(conn)
                report.adopted.append(migration.path.name)
            else:
                run_file(conn, migration.path, statements)
                report.applied.append(migration.path.name)
            record(conn, migration, statements)


def record(conn: psycopg.Connection, migration: Migration, statements: list[Statement]) -> None:
    conn.execute(
        "insert into supabase_migrations.schema_migrations (version, name, statements)"
        " values (%s, %s, %s)",
        (migration.version, migration.name, [s.text for s in statements]),
    )


def _warnings(conn: psycopg.Connection) -> list[str]:
    row = conn.execute("select exists (select from pg_extension where extname = 'pg_cron')")
    found = row.fetchone()
    if found and found[0]:
        return []
    return [
        "pg_cron is not installed in this database: on_schedule features and CDC polling are "
        "not planned by the database. Preload it (shared_preload_libraries = 'pg_cron', "
        "cron.database_name = this database) and run `plugboard db migrate` again, or let "
        "`plugboard worker --plan-schedules` run the planning tick."
    ]


def refuse_history_before_baseline(conn: psycopg.Connection, directory: Path) -> None:
    """Stop before anything is applied when the database records migrations older than the
    folder's first one (so the folder no longer has them): it was migrated before the
    migrations were squashed into baselines, which cannot be applied on top of it."""
    found = conn.execute(
        "select to_regclass('supabase_migrations.schema_migrations') is not null"
    ).fetchone()
    if not (found and found[0]):
        return
    migrations = list_migrations(directory)
    if not migrations:
        return
    gone = conn.execute(
        "select version from supabase_migrations.schema_migrations where version < %s"
        " order by version",
        (migrations[0].version,),
    ).fetchall()
    if gone:
        raise SquashedHistoryError([row[0] for row in gone], migrations[0])


def migrate(url: str, directory: Path = MIGRATIONS_DIR) -> MigrateReport:
    """Bring the database at `url` up to date. Safe to run any number of times."""
    report = MigrateReport()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (MIGRATE_LOCK_KEY,))
        try:
            refuse_history_before_baseline(conn, directory)
            apply_compat(conn, report)
            report.vault_key_written, vault_warning = ensure_vault_key(conn)
            apply_migrations(conn, report, directory)
            report.warnings = _warnings(conn) + ([vault_warning] if vault_warning else [])
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (MIGRATE_LOCK_KEY,))
    return report
