"""Two of Supabase's linter (splinter) checks find nothing on a freshly migrated database
of a local cluster set up like Supabase's (pg_cron preloaded, so installed):
`function_search_path_mutable` (every function outside the schemas Supabase manages, and
not an extension's, has a fixed search_path: procrastinate's included) and
`extension_in_public` (no extension but plpgsql in `public`: pg_cron is in pg_catalog).
The queries restate those lints' conditions (github.com/supabase/splinter, lints/0011 and
lints/0014)."""

from __future__ import annotations

import psycopg

from tests.py.foundation.test_local_cluster import cluster_env, plugboard

# the schemas lint 0011 leaves out: PostgreSQL's and those Supabase manages
SUPABASE_MANAGED = [
    "auth", "cron", "extensions", "graphql", "graphql_public", "information_schema", "net",
    "pg_catalog", "pgbouncer", "pgsodium", "realtime", "storage", "supabase_functions",
    "supabase_migrations", "vault",
]  # fmt: skip
MUTABLE_SEARCH_PATH = """
select p.oid::regprocedure::text
from pg_catalog.pg_proc as p
where p.pronamespace::regnamespace::text <> all (%s)
    and not exists (
        select from pg_catalog.pg_depend as d where d.objid = p.oid and d.deptype = 'e'
    )
    and not exists (
        select from unnest(coalesce(p.proconfig, '{}')) as c (setting)
        where c.setting like 'search_path=%%'
    )
order by 1
"""
EXTENSIONS_IN_PUBLIC = """
select extname from pg_catalog.pg_extension
where extnamespace = 'public'::regnamespace and extname <> 'plpgsql'
"""

__all__ = ["cluster_env"]  # the fixture, used by name below


def test_no_mutable_search_path_and_no_extension_in_public(cluster_env: dict[str, str]) -> None:
    for command in (("db", "start"), ("db", "migrate")):
        done = plugboard(cluster_env, *command)
        assert done.returncode == 0, done.stdout + done.stderr
    url = f"postgresql://supabase_admin@127.0.0.1:{cluster_env['PLUGBOARD_DB_PORT']}/postgres"

    with psycopg.connect(url) as conn:
        installed = conn.execute(
            "select extnamespace::regnamespace::text from pg_extension where extname = 'pg_cron'"
        ).fetchone()
        mutable = conn.execute(MUTABLE_SEARCH_PATH, (SUPABASE_MANAGED,)).fetchall()
        in_public = conn.execute(EXTENSIONS_IN_PUBLIC).fetchall()

    assert (installed, mutable, in_public) == (("pg_catalog",), [], [])
