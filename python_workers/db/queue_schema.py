"""The job queue's schema is procrastinate's own SQL at the version uv.lock pins, in the
schema `procrastinate` of the same database, shipped as migrations like everything else:
20261204490000_procrastinate_queue.sql (procrastinate's packaged schema.sql) and
20261204490100_procrastinate_queue_tuning.sql (Plugboard's changes to it), so
`supabase db push` alone installs it (docs/contributing.md, "Upgrade procrastinate").

Before that, `plugboard db migrate` installed it itself and recorded procrastinate's
migrations in procrastinate.plugboard_queue_migrations. Such a database already holds what
the queue migration creates: it is adopted (the migration recorded as applied, that table
dropped) when its record shows the pinned version's migrations, refused otherwise."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import psycopg

from python_workers.config import REPO_ROOT

QUEUE_SCHEMA = "procrastinate"
QUEUE_MIGRATION = REPO_ROOT / "supabase" / "migrations" / "20261204490000_procrastinate_queue.sql"
EARLIER_HISTORY = f"{QUEUE_SCHEMA}.plugboard_queue_migrations"


class EarlierQueueError(RuntimeError):
    """The queue was installed by an earlier `plugboard db migrate` at another version."""


def shipped_migrations() -> list[str]:
    """The names of procrastinate's migration files at the pinned version."""
    folder = Path(str(resources.files("procrastinate.sql"))) / "migrations"
    return sorted(path.name for path in folder.glob("*.sql"))


def earlier_install(conn: psycopg.Connection) -> bool:
    """True when the queue was installed by `plugboard db migrate` before it was a migration."""
    row = conn.execute("select to_regclass(%s) is not null", (EARLIER_HISTORY,)).fetchone()
    return bool(row and row[0])


def adopt_earlier_install(conn: psycopg.Connection) -> None:
    """Drop the earlier install's record, once it is known to match the pinned version (the
    caller records the queue migration as applied, in the same transaction)."""
    recorded = {row[0] for row in conn.execute(f"select name from {EARLIER_HISTORY}")}
    missing = sorted(set(shipped_migrations()) - recorded)
    if missing:
        raise EarlierQueueError(
            f"this database's job queue was installed by an earlier `plugboard db migrate` "
            f"and lacks procrastinate's {', '.join(missing)}: nothing was applied. Rebuild it "
            "with `plugboard db reset` (local development data only)."
        )
    conn.execute(f"drop table {EARLIER_HISTORY}")
