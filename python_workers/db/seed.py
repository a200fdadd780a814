"""Demo data and database reset for local development."""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from python_workers.config import REPO_ROOT

SEED_FILE = REPO_ROOT / "supabase" / "seed.sql"


def load_seed(url: str) -> None:
    """Run seed.sql in one transaction (it is idempotent: it upserts fixed ids)."""
    with psycopg.connect(url) as conn:
        conn.execute(SEED_FILE.read_bytes())


def reset_database(url: str) -> None:
    """Drop and recreate the database `url` names, from its server's maintenance database."""
    params = conninfo_to_dict(url)
    dbname = str(params.get("dbname") or "postgres")
    maintenance = make_conninfo(url, dbname="template1")
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(dbname))
        )
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(dbname)))
