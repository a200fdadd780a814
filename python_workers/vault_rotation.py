"""Rotating the compat Vault's key (supabase/compat/0006_vault.sql, 0007_vault_key_rotation.sql).

The key file `plugboard_vault.key` in the cluster's data directory holds hex keys, one a
line, the first the current one; each secret names the key that encrypted it. Rotation:

1. write the file as [new key, every old key] (atomically: temp file, fsync, rename) and
   check the server now reads the new key as current — new secrets use it from now on;
2. in every database of the cluster that has the compat Vault, re-encrypt every secret
   with the new key in one transaction (vault._reencrypt_all);
3. only when no database has a secret left on an old key, write the file as [new key].

A crash anywhere leaves every secret readable: until step 3 the file holds every key any
secret may need, and running rotate-key again finishes the job with yet another key.
Needs a superuser connection and the data directory on this machine (the local cluster).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg.conninfo import make_conninfo

from python_workers.db.cluster import VAULT_KEY_FILE

COMPAT_VAULT_SQL = (
    "select exists (select from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace"
    " where n.nspname = 'vault' and p.proname = '_reencrypt_all')"
)
OLD_KEY_SECRETS_SQL = (
    "select count(*) from vault.secrets as s where s.key_id is distinct from"
    " (select k.key_id from vault._keys() as k where k.is_current)"
)


class RotationError(RuntimeError):
    """Rotation cannot run here, or stopped before dropping old keys (nothing is lost)."""


@dataclass
class RotationReport:
    new_key_id: str = ""
    reencrypted: dict[str, int] = field(default_factory=dict)  # database -> secrets
    old_keys_dropped: int = 0


def _write_atomically(path: Path, keys: list[str]) -> None:
    stat = path.stat()
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, ("\n".join(keys) + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if os.geteuid() == 0:
        os.chown(temporary, stat.st_uid, stat.st_gid)  # the server's own user reads it
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _key_file(conn: psycopg.Connection) -> Path:
    row = conn.execute("select current_setting('data_directory')").fetchone()
    path = Path(str(row[0]) if row else "") / VAULT_KEY_FILE
    if not path.is_file():
        raise RotationError(
            f"{path} is not on this machine: run rotate-key where the database server runs"
        )
    return path


def has_compat_vault(admin_url: str) -> bool:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute(COMPAT_VAULT_SQL).fetchone()
    return bool(row and row[0])


def _vault_databases(admin_url: str) -> list[str]:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        names = [
            str(row[0])
            for row in conn.execute(
                "select datname from pg_database where datallowconn order by datname"
            )
        ]
    found = []
    for name in names:
        with psycopg.connect(make_conninfo(admin_url, dbname=name), autocommit=True) as conn:
            row = conn.execute(COMPAT_VAULT_SQL).fetchone()
            if row and row[0]:
                found.append(name)
    return found


def rotate_vault_key(admin_url: str) -> RotationReport:
    """admin_url: a superuser on the cluster (any database of it)."""
    report = RotationReport()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        path = _key_file(conn)
        old_keys = path.read_text().split()
        new_key = secrets.token_hex(32)
        _write_atomically(path, [new_key, *old_keys])
        row = conn.execute(
            "select k.key_id::text from vault._keys() as k where k.is_current"
        ).fetchone()
        report.new_key_id = str(row[0]) if row else ""
    databases = _vault_databases(admin_url)
    for name in databases:
        with psycopg.connect(make_conninfo(admin_url, dbname=name)) as conn:
            row = conn.execute("select vault._reencrypt_all()").fetchone()  # one transaction
            conn.commit()
            report.reencrypted[name] = int(row[0]) if row else 0
    left = {}
    for name in databases:
        with psycopg.connect(make_conninfo(admin_url, dbname=name), autocommit=True) as conn:
            row = conn.execute(OLD_KEY_SECRETS_SQL).fetchone()
            if row and row[0]:
                left[name] = int(row[0])
    if left:
        raise RotationError(
            f"secrets still on an old key in {left}; the old keys stay in the file: run "
            "rotate-key again"
        )
    _write_atomically(path, [new_key])
    report.old_keys_dropped = len(old_keys)
    return report
