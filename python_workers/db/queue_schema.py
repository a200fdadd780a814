"""The job queue's schema: procrastinate's own SQL, in its own schema `procrastinate` of the
same database, installed and upgraded by `plugboard db migrate`.

procrastinate ships `sql/schema.sql` (the whole schema at the installed version) and
`sql/migrations/*.sql` (one file per change since 0.0.0, named `<version>_<nn>_<what>.sql`,
sorted by name). A fresh database gets schema.sql and every shipped migration is recorded
as applied (schema.sql is the sum of them); later, when the pinned procrastinate version
changes, the shipped migrations not recorded yet are applied in name order, each in its
own transaction. procrastinate's SQL names its objects without a schema, so it runs with
`search_path = procrastinate`; so do the workers' queue connections and the one SQL
function that defers jobs (private.defer_sync_jobs).

procrastinate splits an upgrade into "pre" migrations (before new workers start) and
"post" ones (after old workers stopped); `plugboard db migrate` applies both, so upgrade
with the workers stopped, or apply the pre files first by hand for a rolling upgrade.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from importlib import metadata, resources
from pathlib import Path

import psycopg

from python_workers.config import REPO_ROOT

QUEUE_SCHEMA = "procrastinate"
HISTORY_TABLE = f"{QUEUE_SCHEMA}.plugboard_queue_migrations"
SCHEMA_SQL = "schema.sql"
TUNING_SQL = REPO_ROOT / "supabase" / "queue" / "plugboard_queue_tuning.sql"

Transaction = Callable[[], AbstractContextManager[None]]


def _sql_dir() -> Path:
    return Path(str(resources.files("procrastinate.sql")))


def shipped_migrations() -> list[Path]:
    return sorted((_sql_dir() / "migrations").glob("*.sql"))


def procrastinate_version() -> str:
    return metadata.version("procrastinate")


def _record(conn: psycopg.Connection, names: list[str]) -> None:
    conn.cursor().executemany(
        f"insert into {HISTORY_TABLE} (name, procrastinate_version) values (%s, %s)",
        [(name, procrastinate_version()) for name in names],
    )


def install_queue_schema(conn: psycopg.Connection, transaction: Transaction) -> list[str]:
    """Install or upgrade the queue schema, then apply Plugboard's tuning of it; returns
    what was installed or upgraded (empty: up to date)."""
    applied = _install_or_upgrade(conn, transaction)
    with transaction():
        conn.execute(TUNING_SQL.read_bytes())
    return applied


def _install_or_upgrade(conn: psycopg.Connection, transaction: Transaction) -> list[str]:
    with transaction():
        conn.execute(f"create schema if not exists {QUEUE_SCHEMA}")
        conn.execute(f"revoke all on schema {QUEUE_SCHEMA} from public")
        conn.execute(
            f"create table if not exists {HISTORY_TABLE} (name text primary key,"
            " procrastinate_version text not null,"
            " applied_at timestamptz not null default now())"
        )
        installed = conn.execute(
            "select to_regclass(%s) is not null", (f"{QUEUE_SCHEMA}.procrastinate_jobs",)
        ).fetchone()
        if not (installed and installed[0]):
            conn.execute(f"set local search_path = {QUEUE_SCHEMA}")
            conn.execute((_sql_dir() / SCHEMA_SQL).read_bytes())
            _record(conn, [path.name for path in shipped_migrations()])
            return [f"procrastinate {procrastinate_version()} {SCHEMA_SQL}"]
        done = {row[0] for row in conn.execute(f"select name from {HISTORY_TABLE}")}
    applied = []
    for path in shipped_migrations():
        if path.name in done:
            continue
        with transaction():
            conn.execute(f"set local search_path = {QUEUE_SCHEMA}")
            conn.execute(path.read_bytes())
            _record(conn, [path.name])
        applied.append(f"procrastinate {path.name}")
    return applied
