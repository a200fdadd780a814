"""The Companies House key (global): set, replaced and tested through the service_role RPC
and `plugboard credentials set-companies-house-key` (key from stdin or an environment
variable, never printed); every Companies House integration's status follows a real call."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from tests.py.connections import db_reads
from tests.py.connections.conftest import CH_KEY, Sandboxes, World, sandbox_environment
from tests.py.connections.leak_watch import LeakWatch
from tests.testdb import Database


def _plugboard(
    args: list[str], sandboxes: Sandboxes, db: Database, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "python_workers", *args],
        input=stdin, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, **sandbox_environment(sandboxes, db), **env},
    )  # fmt: skip


def test_set_replace_and_test_the_key_from_stdin_or_env(
    sandboxes: Sandboxes, world: World, db: Database, leaks: LeakWatch
) -> None:
    integration_id = world.integrations["companies_house"]
    assert db_reads.integration(db, integration_id)["status"] == "Pending"

    wrong = _plugboard(["credentials", "set-companies-house-key"], sandboxes, db, "wrong-key-1\n")
    leaks.record("cli", wrong.stdout + wrong.stderr)
    assert wrong.returncode == 1
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Error", "invalid_api_key")

    good = _plugboard(
        ["credentials", "set-companies-house-key", "--from-env", "CH_KEY"], sandboxes, db,
        CH_KEY=CH_KEY,
    )  # fmt: skip
    leaks.record("cli", good.stdout + good.stderr)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Connected" in good.stdout
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Connected", None)

    # a project created later starts Connected: the key already passed a real call
    with psycopg.connect(db.url, autocommit=True) as conn:
        project = conn.execute(
            "insert into public.projects (name, country_code) values ('Later Ltd', 'GB')"
            " returning id"
        ).fetchone()
        assert project is not None
        later = conn.execute(
            "select status::text from public.v_project_integrations"
            " where project_id = %s and provider_key = 'companies_house'",
            (project[0],),
        ).fetchone()
    assert later == ("Connected",)

    tested = _plugboard(["credentials", "test-companies-house-key"], sandboxes, db)
    leaks.record("cli", tested.stdout + tested.stderr)
    assert tested.returncode == 0


def test_the_rpc_is_for_service_role_only_and_never_echoes_the_key(
    world: World, db: Database, leaks: LeakWatch
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        for role in ("anon", "authenticated"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"set local role {role}")
                conn.execute("select public.integration_set_api_key('companies_house', 'k-123')")
        with conn.transaction():
            conn.execute("set local role service_role")
            row = conn.execute(
                "select public.integration_set_api_key('companies_house', %s)", (CH_KEY,)
            ).fetchone()
            assert row is not None
            leaks.record("rpc", row[0])
            assert set(row[0]) == {"credential_id", "provider_key", "tested"}
            with pytest.raises(psycopg.Error, match="global API key") as refused:
                conn.execute("select public.integration_set_api_key('quickbooks', 'x')")
            assert refused.value.sqlstate == "PB400"
