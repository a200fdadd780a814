"""The compat Vault's key on a PostgreSQL that Plugboard did not create.

The compat Vault (supabase/compat/0006_vault.sql) reads its key from `plugboard_vault.key`
in the server's data directory; `plugboard db start` writes one when it creates the local
cluster. On any other plain PostgreSQL (the machine's own, RDS-like set-ups) nobody has,
and every credential write would fail. `plugboard db migrate` therefore writes a fresh key
there itself when it may (a superuser, or a member of pg_write_server_files) and the Vault
holds no secret yet; a key missing beside existing secrets is never replaced (they could
not be read again): the migration says so instead.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from python_workers.db.cluster import VAULT_KEY_FILE

COMPAT_VAULT = "select to_regprocedure('vault._keys()') is not null"
KEY_PRESENT = "select coalesce(btrim(pg_read_file(%s, 0, 1048576, true)), '') <> ''"
MAY_WRITE_FILES = (
    "select rolsuper or pg_has_role(current_user, 'pg_write_server_files', 'member')"
    " from pg_roles where rolname = current_user"
)
HAS_SECRETS = "select exists (select from vault.secrets)"
DATA_DIRECTORY = "select current_setting('data_directory')"
# COPY … TO takes an absolute path only; the file is as private as the data directory
# (which only the server's user may enter)
WRITE_KEY = "copy (select encode(extensions.gen_random_bytes(32), 'hex')) to {path}"


def _ask(conn: psycopg.Connection[Any], query: str, *params: str) -> bool:
    row = conn.execute(query, params or None).fetchone()
    return bool(row and row[0])


def ensure_vault_key(conn: psycopg.Connection[Any]) -> tuple[bool, str | None]:
    """(whether a key was written, a warning for the person migrating or None)."""
    if not _ask(conn, COMPAT_VAULT) or _ask(conn, KEY_PRESENT, VAULT_KEY_FILE):
        return False, None
    where = f"{VAULT_KEY_FILE} in the server's data directory (SHOW data_directory)"
    if _ask(conn, HAS_SECRETS):
        return False, (
            f"the compat Vault holds secrets but its key file is missing: restore {where}; "
            "no new key was written, since the stored secrets could not be read with it"
        )
    if not _ask(conn, MAY_WRITE_FILES):
        return False, (
            f"the compat Vault has no key and this role may not write server files: put 64 "
            f"random hex characters in {where}, readable by the server's user only"
        )
    row = conn.execute(DATA_DIRECTORY).fetchone()
    assert row is not None
    path = sql.Literal(f"{row[0]}/{VAULT_KEY_FILE}")
    conn.execute(sql.SQL(WRITE_KEY).format(path=path))
    return True, None
