"""`plugboard db start | status | stop` on a data folder of its own (own port), as a
newcomer's machine would run it: created once, reused after, stopped cleanly."""

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

from python_workers.config import REPO_ROOT
from python_workers.db.cluster import clusters_home
from sandboxes.common.server import free_port


@pytest.fixture
def cluster_env() -> Iterator[dict[str, str]]:
    # Where the postgres OS user can reach it (pytest's tmp is root-only).
    data_dir = clusters_home(REPO_ROOT) / f"test-cluster-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"PLUGBOARD_DATA_DIR": str(data_dir), "PLUGBOARD_DB_PORT": str(free_port())}
    yield env
    plugboard(env, "db", "stop")
    shutil.rmtree(data_dir, ignore_errors=True)


def plugboard(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "python_workers", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_db_start_creates_once_then_reuses_the_data(cluster_env: dict[str, str]) -> None:
    port = cluster_env["PLUGBOARD_DB_PORT"]
    url = f"postgresql://supabase_admin@127.0.0.1:{port}/postgres"

    first = plugboard(cluster_env, "db", "start")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "created and started" in first.stdout
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create table marker (survives boolean)")
        preload = conn.execute("show shared_preload_libraries").fetchone()
        assert preload == ("pg_cron",)
        assert conn.execute(
            "select count(*) from pg_available_extensions where name = 'pgtap'"
        ).fetchone() == (1,)

    assert plugboard(cluster_env, "db", "stop").returncode == 0
    stopped = plugboard(cluster_env, "db", "status")
    assert "local cluster: stopped" in stopped.stdout

    second = plugboard(cluster_env, "db", "start")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "created" not in second.stdout and "running" in second.stdout
    with psycopg.connect(url) as conn:
        assert conn.execute("select to_regclass('marker') is not null").fetchone() == (True,)
    status = plugboard(cluster_env, "db", "status")
    assert "local cluster: running" in status.stdout and f":{port}/postgres" in status.stdout


def test_vault_key_is_kept_out_of_the_checkout_tables_and_readable_only_by_the_server(
    cluster_env: dict[str, str],
) -> None:
    assert plugboard(cluster_env, "db", "migrate").returncode == 0
    key_file = Path(cluster_env["PLUGBOARD_DATA_DIR"]) / "pgdata" / "plugboard_vault.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key = key_file.read_text().strip()
    url = f"postgresql://postgres@127.0.0.1:{cluster_env['PLUGBOARD_DB_PORT']}/postgres"
    with psycopg.connect(url) as conn:
        conn.execute("set role service_role")
        secret_id = conn.execute("select vault.create_secret('tok-123', 'k')").fetchone()
        stored = conn.execute("select secret from vault.secrets").fetchone()
        plain = conn.execute("select decrypted_secret from vault.decrypted_secrets").fetchone()
    assert secret_id is not None and plain == ("tok-123",)
    assert stored is not None and "tok-123" not in stored[0] and key not in stored[0]
