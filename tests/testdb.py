"""The PostgreSQL server the tests use, and migrated template databases on it.

Order of choice: PLUGBOARD_TEST_DATABASE_URL (a server where its user may create
databases, with pg_cron preloaded and pgTAP and plpgsql_check available); else the local
cluster Plugboard runs (started if needed). There is no Docker choice: a stock PostgreSQL
image has none of those extensions. Tests never touch the database `plugboard up`
uses: they migrate a template once and clone it per test (CREATE DATABASE … TEMPLATE).
The template also holds the fixture provider (tests/fixture_provider/fixture_ledger.sql).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from python_workers.config import settings
from python_workers.db.cluster import PG_BINDIR
from python_workers.db.migrate import migrate
from python_workers.db.target import APP_ROLE, local_cluster

# A fourth provider in every test database, so tests cannot depend on the provider set.
FIXTURE_PROVIDER = Path(__file__).resolve().parent / "fixture_provider" / "fixture_ledger.sql"

# Overridable so two test runs on one server (parallel work) keep separate templates.
TEMPLATE_DB = os.environ.get("PLUGBOARD_TEST_TEMPLATE", "plugboard_test_template")


@dataclass(frozen=True)
class DatabaseServer:
    admin_url: str  # may create databases (superuser on plain PostgreSQL)
    app_role: str | None  # the role migrations and workers use, when not the admin user
    where: str = "a PostgreSQL server"  # which one, for people (never its password)

    def url(self, dbname: str, *, admin: bool = False) -> str:
        if admin or self.app_role is None:
            return make_conninfo(self.admin_url, dbname=dbname)
        return make_conninfo(self.admin_url, dbname=dbname, user=self.app_role)


@dataclass(frozen=True)
class Database:
    """One test's own migrated database (the `db` fixture)."""

    name: str
    url: str  # the app role (postgres): what workers and migrations use
    admin_url: str  # a superuser on plain PostgreSQL


@contextmanager
def open_server() -> Iterator[DatabaseServer]:
    explicit = os.environ.get("PLUGBOARD_TEST_DATABASE_URL")
    if explicit:
        params = conninfo_to_dict(explicit)
        where = f"PLUGBOARD_TEST_DATABASE_URL ({params.get('host')}:{params.get('port', 5432)})"
        yield DatabaseServer(explicit, None, where)
        return
    cluster = local_cluster(settings())
    cluster.start()
    where = f"the local cluster (127.0.0.1:{cluster.port}, data {cluster.pgdata})"
    yield DatabaseServer(cluster.url(), APP_ROLE, where)


def create_database(server: DatabaseServer, name: str, template: str | None = None) -> None:
    with psycopg.connect(server.url("postgres", admin=True), autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )
        if template:
            conn.execute(
                sql.SQL("create database {} template {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        else:
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))


def drop_database(server: DatabaseServer, name: str) -> None:
    with psycopg.connect(server.url("postgres", admin=True), autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )


def build_template(
    server: DatabaseServer, name: str = TEMPLATE_DB, *, fixture_provider: bool = True
) -> str:
    """A freshly migrated database to clone tests from, the fixture provider registered
    unless `fixture_provider` is False (a benchmark measures the real catalogue)."""
    create_database(server, name)
    migrate(server.url(name, admin=True))
    if fixture_provider:
        with psycopg.connect(server.url(name)) as conn:  # as the app role, which owns the schema
            conn.execute(FIXTURE_PROVIDER.read_bytes())
    return name


@contextmanager
def cloned_database(server: DatabaseServer, template: str = TEMPLATE_DB) -> Iterator[str]:
    name = f"pbt_{uuid.uuid4().hex[:12]}"
    create_database(server, name, template)
    try:
        yield name
    finally:
        drop_database(server, name)


def dbname_of(url: str) -> str:
    return str(conninfo_to_dict(url).get("dbname"))


def schema_dump(url: str, *options: str, comments: bool = False) -> str:
    """`pg_dump --schema-only` of the database at `url` (more pg_dump options may narrow it),
    without blank lines, pg_dump's random \\restrict / \\unrestrict keys and, unless
    `comments`, comment lines (pg_dump's own, and any at the start of a line in a body)."""
    dump = subprocess.run(
        [str(PG_BINDIR / "pg_dump"), "--schema-only", *options, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    dropped = ("\\restrict", "\\unrestrict") if comments else ("--", "\\restrict", "\\unrestrict")
    return "\n".join(
        line for line in dump.splitlines() if line.strip() and not line.startswith(dropped)
    )
