"""The real Supabase CLI agrees with Plugboard's runner: `supabase db push` on one fresh
database and `plugboard db migrate` on another give the same schema (the job queue's
included), `supabase db push` alone yields a working system (an approved expense queues
its QuickBooks run), and after `plugboard db migrate` `supabase migration list` shows every
migration applied."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from python_workers.db.migrate import list_migrations, migrate
from tests.supabase_cli import push_only, supabase
from tests.testdb import DatabaseServer, create_database, drop_database, schema_dump

# what both build: the public and private schemas and the job queue's, owners aside
ONLY_OURS = ("--no-owner", "-n", "public", "-n", "private", "-n", "procrastinate")


@pytest.fixture
def two_databases(server: DatabaseServer) -> Iterator[tuple[str, str]]:
    names = (f"pbt_cli_{uuid.uuid4().hex[:8]}", f"pbt_runner_{uuid.uuid4().hex[:8]}")
    for name in names:
        create_database(server, name)
    yield names
    for name in names:
        drop_database(server, name)


def test_supabase_db_push_and_plugboard_migrate_build_the_same_schema(
    server: DatabaseServer, two_databases: tuple[str, str]
) -> None:
    pushed, migrated = two_databases
    push_only(server, pushed)
    migrate(server.url(migrated, admin=True))

    dumped = schema_dump(server.url(migrated), *ONLY_OURS)
    assert "CREATE TABLE public.project_integrations" in dumped
    assert "CREATE TABLE procrastinate.procrastinate_jobs" in dumped
    assert schema_dump(server.url(pushed), *ONLY_OURS) == dumped


def test_supabase_db_push_alone_queues_an_approved_expense(
    server: DatabaseServer, two_databases: tuple[str, str]
) -> None:
    pushed, _ = two_databases
    push_only(server, pushed)

    with psycopg.connect(server.url(pushed, admin=True)) as conn:
        project = conn.execute(
            "insert into public.projects (name, country_code) values ('Pushed', 'GB') returning id"
        ).fetchone()
        assert project is not None
        conn.execute(
            "update public.project_integrations as pi set status = 'Connected',"
            " external_account_id = 'realm-push' from public.integration_providers as p"
            " where p.id = pi.provider_id and p.key = 'quickbooks' and pi.project_id = %s",
            project,
        )
        expense = conn.execute(
            "insert into public.transactions (project_id, transaction_type,"
            " transaction_direction, status, currency_code)"
            " values (%s, 'Expense', 'inbound', 'Approved', 'GBP') returning id::text",
            project,
        ).fetchone()
    assert expense is not None

    with psycopg.connect(server.url(pushed, admin=True)) as conn:
        queued = conn.execute(
            "select l.action, l.status::text, j.status::text, j.task_name"
            " from public.integration_sync_logs as l"
            " join procrastinate.procrastinate_jobs as j on (j.args ->> 'log_id')::uuid = l.id"
            " where l.entity_id = %s",
            expense,
        ).fetchall()
    assert queued == [("sync_transaction", "pending", "todo", "plugboard.sync_run")]


def test_supabase_migration_list_shows_every_plugboard_migration_applied(
    server: DatabaseServer, two_databases: tuple[str, str]
) -> None:
    _, migrated = two_databases
    migrate(server.url(migrated, admin=True))

    listing = supabase("migration", "list", "--db-url", server.url(migrated))

    for migration in list_migrations():
        # a row "local | remote | time" with the version on both sides
        pattern = rf"`?{migration.version}`?\s*\|\s*`?{migration.version}`?"
        assert re.search(pattern, listing), listing
