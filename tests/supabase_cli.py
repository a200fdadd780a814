"""The real Supabase CLI (npm package `supabase`, installed by `make test`), run from the
repository root so it reads supabase/config.toml."""

from __future__ import annotations

import subprocess

import psycopg

from python_workers.config import REPO_ROOT
from python_workers.db.migrate import MigrateReport, apply_compat
from tests.testdb import DatabaseServer

SUPABASE = REPO_ROOT / "node_modules" / ".bin" / "supabase"


def supabase(*args: str) -> str:
    """Run the CLI; its output (stdout and stderr), after asserting it succeeded."""
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


def push_only(server: DatabaseServer, name: str) -> None:
    """`supabase db push` into the empty database `name`, with nothing else run there but
    what Supabase already has (roles, auth and Vault: the compat layer)."""
    with psycopg.connect(server.url(name, admin=True), autocommit=True) as conn:
        apply_compat(conn, MigrateReport())
    supabase("db", "push", "--db-url", server.url(name), "--yes")
