"""`plugboard vault rotate-key` on a cluster of its own (the key file is cluster-wide, so
the shared test cluster is never rotated): every secret of every database is re-encrypted
with a new key and stays readable, the old key leaves the file, and a rotation that stops
half-way loses nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from python_workers import vault_rotation
from python_workers.db.cluster import VAULT_KEY_FILE, LocalCluster
from python_workers.db.migrate import migrate
from sandboxes.common.server import free_port

DATABASES = ("rotation_a", "rotation_b")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    folder = Path(tempfile.mkdtemp(prefix="pb_rotation_", dir="/tmp"))
    folder.chmod(0o755)
    running = LocalCluster(folder, free_port())
    running.start()
    try:
        for name in DATABASES:
            with psycopg.connect(running.url(), autocommit=True) as conn:
                conn.execute(f"create database {name}")
            migrate(running.url(dbname=name))
        yield running
    finally:
        running.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _store_secrets(cluster: LocalCluster) -> dict[tuple[str, str], str]:
    """Secrets in both databases (as service_role, through Vault's API)."""
    stored = {}
    for name in DATABASES:
        with psycopg.connect(cluster.url(dbname=name)) as conn:
            conn.execute("set role service_role")
            for n in range(3):
                value = f"token-{name}-{n}-{os.urandom(4).hex()}"
                row = conn.execute("select vault.create_secret(%s)::text", (value,)).fetchone()
                assert row is not None
                stored[(name, str(row[0]))] = value
            conn.commit()
    return stored


def _read(cluster: LocalCluster) -> dict[tuple[str, str], str]:
    found = {}
    for name in DATABASES:
        with psycopg.connect(cluster.url(dbname=name)) as conn:
            conn.execute("set role service_role")
            for secret_id, value in conn.execute(
                "select id::text, decrypted_secret from vault.decrypted_secrets"
            ):
                found[(name, secret_id)] = value
    return found


def _key_ids(cluster: LocalCluster) -> set[str]:
    ids: set[str] = set()
    for name in DATABASES:
        with psycopg.connect(cluster.url(dbname=name)) as conn:
            ids |= {str(r[0]) for r in conn.execute("select key_id from vault.secrets")}
    return ids


def _keys_in_file(cluster: LocalCluster) -> list[str]:
    return (cluster.pgdata / VAULT_KEY_FILE).read_text().split()


def test_rotate_key_reencrypts_every_secret_of_every_database(cluster: LocalCluster) -> None:
    stored = _store_secrets(cluster)
    [old_key] = _keys_in_file(cluster)

    result = subprocess.run(
        [sys.executable, "-m", "python_workers", "vault", "rotate-key"],
        env={**os.environ, "DATABASE_URL": cluster.url(dbname=DATABASES[0])},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "old key(s) dropped" in result.stdout
    keys = _keys_in_file(cluster)
    assert len(keys) == 1 and keys[0] != old_key
    readable = _read(cluster)
    assert all(readable[k] == v for k, v in stored.items())
    assert _key_ids(cluster) == {vault_rotation_key_id(keys[0])}
    assert old_key not in result.stdout + result.stderr


def test_a_rotation_stopped_half_way_loses_nothing(
    cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _store_secrets(cluster)
    [old_key] = _keys_in_file(cluster)

    def crash(admin_url: str) -> list[str]:
        raise RuntimeError("the machine went down between writing the key file and re-encrypting")

    monkeypatch.setattr(vault_rotation, "_vault_databases", crash)
    with pytest.raises(RuntimeError):
        vault_rotation.rotate_vault_key(cluster.url(dbname=DATABASES[0]))
    keys = _keys_in_file(cluster)
    assert keys[1:] == [old_key]  # new key first, the old one kept
    assert all(_read(cluster)[k] == v for k, v in stored.items())
    # a secret written now uses the new key; the old ones still read
    with psycopg.connect(cluster.url(dbname=DATABASES[1])) as conn:
        conn.execute("set role service_role")
        row = conn.execute("select vault.create_secret('written-mid-rotation')::text").fetchone()
        conn.commit()
    assert row is not None

    monkeypatch.undo()
    report = vault_rotation.rotate_vault_key(cluster.url(dbname=DATABASES[0]))
    assert len(_keys_in_file(cluster)) == 1
    assert report.old_keys_dropped == 2
    readable = _read(cluster)
    assert all(readable[k] == v for k, v in stored.items())
    assert readable[(DATABASES[1], str(row[0]))] == "written-mid-rotation"


def test_rotate_key_where_vault_is_supabases_changes_nothing(cluster: LocalCluster) -> None:
    """A database without the compat Vault (as on Supabase, where Vault is the real one)."""
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        conn.execute("create database like_supabase")
    keys = _keys_in_file(cluster)
    result = subprocess.run(
        [sys.executable, "-m", "python_workers", "vault", "rotate-key"],
        env={**os.environ, "DATABASE_URL": cluster.url(dbname="like_supabase")},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "managed by Supabase" in result.stdout
    assert _keys_in_file(cluster) == keys


def vault_rotation_key_id(key: str) -> str:
    """The key id the compat Vault gives a key: md5(key)::uuid."""
    return str(uuid.UUID(hashlib.md5(key.encode()).hexdigest()))  # noqa: S324
