"""supabase/schemas/: each SQL object's current definition in a file of its own, loaded in
the order supabase/schemas/load_order.txt gives (the list a Supabase config.toml takes as
`[db.migrations] schema_paths`). Loading them into an empty database must give what the
migrations give; tests/py/foundation/test_schema_files_match_migrations.py holds them to it."""

from __future__ import annotations

from pathlib import Path

import psycopg

from python_workers.config import REPO_ROOT
from python_workers.db.migrate import (
    MIGRATE_LOCK_KEY,
    MigrateReport,
    apply_compat,
    migration_role,
    run_file,
    transaction,
)
from python_workers.db.sql_files import read_statements

SCHEMAS_DIR = REPO_ROOT / "supabase" / "schemas"
LOAD_ORDER = "load_order.txt"


def schema_files(directory: Path = SCHEMAS_DIR) -> list[Path]:
    """Every schema file in load order, as the Supabase CLI reads `schema_paths`: each glob's
    matches in name order, a file matched again skipped, a glob matching nothing an error.
    A file no glob matches is an error too, so none is silently left out of the comparison."""
    patterns = [
        line.strip()
        for line in (directory / LOAD_ORDER).read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    files: list[Path] = []
    for pattern in patterns:
        matches = sorted(directory.glob(pattern))
        if not matches:
            raise ValueError(f"{LOAD_ORDER}: `{pattern}` matches no file")
        files.extend(path for path in matches if path not in files)
    unlisted = sorted(set(directory.rglob("*.sql")) - set(files))
    if unlisted:
        names = ", ".join(str(path.relative_to(directory)) for path in unlisted)
        raise ValueError(f"{LOAD_ORDER} loads no glob matching {names}: add one")
    return files


def load_schema_files(url: str, directory: Path = SCHEMAS_DIR) -> list[Path]:
    """Into the empty database at `url`: the compat layer as `plugboard db migrate`
    installs it, then every schema file, each in its own
    transaction. Records no migration history. Returns the files loaded."""
    files = schema_files(directory)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (MIGRATE_LOCK_KEY,))
        try:
            apply_compat(conn, MigrateReport())
            role = migration_role(conn)
            for path in files:
                with transaction(conn, role):
                    run_file(conn, path, read_statements(path))
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (MIGRATE_LOCK_KEY,))
    return files
