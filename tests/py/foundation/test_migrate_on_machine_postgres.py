"""`plugboard db migrate` with DATABASE_URL pointing at the machine's own PostgreSQL
(127.0.0.1:5432, where `postgres` is a superuser and pg_cron is not preloaded): the
migrations still apply, the API roles get Supabase's grants, Plugboard says clearly
what needs pg_cron, and the whole pgTAP suite (the RLS matrix included) passes there."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

SYSTEM_URL = os.environ.get(
    "PLUGBOARD_SYSTEM_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def _machine_postgres() -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the machine's PostgreSQL; the test is skipped when it does not answer."""
    try:
        return psycopg.connect(SYSTEM_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"the machine's PostgreSQL at {SYSTEM_URL} does not answer: {exc}")


@pytest.fixture
def system_database() -> Iterator[str]:
    name = f"pbt_system_{uuid.uuid4().hex[:8]}"
    with _machine_postgres() as admin:
        admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield psycopg.conninfo.make_conninfo(SYSTEM_URL, dbname=name)
    finally:
        with psycopg.connect(SYSTEM_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )


def migrate(database: str) -> subprocess.CompletedProcess[str]:
    """`plugboard db migrate` with DATABASE_URL pointing at `database`."""
    return subprocess.run(
        [sys.executable, "-m", "python_workers", "db", "migrate"],
        env={**os.environ, "DATABASE_URL": database},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_migrate_applies_without_pg_cron_and_says_what_needs_it(system_database: str) -> None:
    result = migrate(system_database)

    assert result.returncode == 0, result.stdout + result.stderr
    output = " ".join(result.stdout.split())
    assert "pg_cron is not installed in this database" in output
    assert "on_schedule" in output and "shared_preload_libraries" in output
    with psycopg.connect(system_database) as conn:
        providers = conn.execute("select count(*) from integration_providers").fetchone()
        cron = conn.execute("select to_regnamespace('cron')").fetchone()
        grants = conn.execute(
            "select has_table_privilege('authenticated', 'public.project_relationships', 'select'),"
            " has_table_privilege('service_role', 'public.integration_sync_logs', 'select'),"
            " has_function_privilege('authenticated',"
            " 'public.integration_request_sync(uuid,text,text[])', 'execute'),"
            " has_table_privilege('anon', 'public.project_relationships', 'truncate')"
        ).fetchone()
    assert providers == (3,)
    assert cron == (None,)
    # as on Supabase: clients reach the tables and RPCs (RLS decides the rows), never TRUNCATE
    assert grants == (True, True, True, False)


def test_the_compat_vault_works_on_the_machines_postgres(system_database: str) -> None:
    """The machine's PostgreSQL has no plugboard_vault.key of its own: migrate writes one
    into its data directory (or finds the one an earlier migrate wrote), so a secret
    stored through the Vault reads back."""
    result = migrate(system_database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Vault" not in " ".join(line for line in result.stdout.splitlines() if "warning" in line)
    with psycopg.connect(system_database, autocommit=True) as conn:
        stored = conn.execute("select vault.create_secret('machine-secret')").fetchone()
        assert stored is not None
        read = conn.execute(
            "select decrypted_secret from vault.decrypted_secrets where id = %s", (stored[0],)
        ).fetchone()
    assert read == ("machine-secret",)


def test_the_pgtap_suite_passes_on_the_machines_postgres() -> None:
    """Issue #20: the suite passes on stock PostgreSQL, not only on Plugboard's cluster.
    The test runner itself, pointed at the machine's server with a template of its own
    (dropped afterwards): a fresh migration by the superuser, plpgsql_check, every pgTAP
    file."""
    _machine_postgres().close()
    template = f"pbt_machine_{uuid.uuid4().hex[:8]}"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tests.run", "--no-lint", "--py", "none"],
            env={
                **os.environ,
                "PLUGBOARD_TEST_DATABASE_URL": SYSTEM_URL,
                "PLUGBOARD_TEST_TEMPLATE": template,
            },
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        with psycopg.connect(SYSTEM_URL, autocommit=True) as admin:
            admin.execute(sql.SQL("drop database if exists {} with (force)").format(
                sql.Identifier(template)))  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "127.0.0.1:5432" in output  # it ran where it was pointed
    assert "Result: PASS" in output and "rls/every_table_by_role_and_operation" in output
