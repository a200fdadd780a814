"""The README's test command (`make test`): every check, against a freshly migrated database.

1. linters: sqlfluff over supabase/, ruff (lint and format), mypy --strict;
2. a fresh template database migrated from scratch (server chosen by tests/testdb.py);
3. plpgsql_check over every plpgsql function of ours (0 errors), on a clone;
4. pg_prove over tests/sql/ on a clone with tests/sql/setup/ applied;
5. pytest over tests/py/ (each test clones the template).
Stops at the first failing step and exits non-zero.

A subset, for work on one part (`make test` still runs everything):
  --no-lint              skip step 1
  --sql GLOB             pgTAP files matching GLOB only (repeatable; --sql none skips them)
  --py PATH              pytest over PATH instead of tests/py (repeatable; --py none skips)
  --unit                 the unit tier alone (tests/py/unit): no lint, no database, seconds
Other arguments go to pytest (e.g. -k vault, -x).
"""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

from python_workers.db.cluster import ClusterError
from tests.testdb import TEMPLATE_DB, DatabaseServer, build_template, cloned_database, open_server

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SQL_TESTS = ROOT / "tests" / "sql"
UNIT_TESTS = ROOT / "tests" / "py" / "unit"  # needs no database (tests/py/unit/conftest.py)

# Our plpgsql functions, in every schema but the system's, the queue's (procrastinate's own
# code), pg_cron's and the test helpers'; extension-owned ones excluded. Each
# with the table and transition-table names a trigger function needs to be checked.
PLPGSQL_FUNCTIONS = r"""
select p.oid::regprocedure::text,
       coalesce(t.tgrelid, 0)::regclass::text,
       coalesce(t.tgoldtable, ''), coalesce(t.tgnewtable, '')
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang and l.lanname = 'plpgsql'
left join lateral (
    select tg.tgrelid, tg.tgoldtable, tg.tgnewtable from pg_trigger tg
    where tg.tgfoid = p.oid order by tg.tgnewtable is null, tg.tgoldtable is null limit 1
) t on true
where n.nspname not in ('pg_catalog', 'information_schema', 'procrastinate', 'cron', 'tests')
  and n.nspname not like 'pg\_%'
  and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
order by 1
"""


def step(name: str, action: Callable[[], bool]) -> None:
    print(f"\n=== {name}", flush=True)
    started = time.monotonic()
    ok = action()
    print(f"=== {name}: {'ok' if ok else 'FAILED'} ({time.monotonic() - started:.1f}s)", flush=True)
    if not ok:
        sys.exit(1)


def run(*argv: str | Path, env: dict[str, str] | None = None) -> bool:
    return subprocess.run([str(a) for a in argv], cwd=ROOT, env=env, check=False).returncode == 0


def plpgsql_check(server: DatabaseServer) -> bool:
    with (
        cloned_database(server, TEMPLATE_DB) as name,
        psycopg.connect(server.url(name, admin=True), autocommit=True) as conn,
    ):
        conn.execute("create extension plpgsql_check")
        functions = conn.execute(PLPGSQL_FUNCTIONS).fetchall()
        errors = 0
        for signature, relid, oldtable, newtable in functions:
            rows = conn.execute(
                "select level, message, lineno from plpgsql_check_function_tb("
                "%s::regprocedure, %s::regclass, oldtable => nullif(%s, ''),"
                " newtable => nullif(%s, ''), security_warnings => true)",
                (signature, relid, oldtable, newtable),
            ).fetchall()
            for level, message, lineno in rows:
                print(f"  {signature} line {lineno}: {level}: {message}")
                errors += level == "error"
        print(f"  {len(functions)} plpgsql functions checked, {errors} error(s)")
        return errors == 0


def pg_prove(server: DatabaseServer, files: list[str]) -> bool:
    with cloned_database(server, TEMPLATE_DB) as name:
        url = server.url(name, admin=True)
        with psycopg.connect(url, autocommit=True) as conn:
            for setup in sorted((SQL_TESTS / "setup").glob("*.sql")):
                conn.execute(setup.read_bytes())
        params = conninfo_to_dict(url)
        env = {**os.environ, "PGPASSWORD": str(params.get("password") or "")}
        if not files:
            print("  no pgTAP files")
            return False
        return run(
            "pg_prove",
            "--failures",
            "-h",
            str(params.get("host", "127.0.0.1")),
            "-p",
            str(params.get("port", 5432)),
            "-U",
            str(params.get("user")),
            "-d",
            name,
            *files,
            env=env,
        )


def sql_files(globs: list[str]) -> list[str]:
    if not globs:
        return sorted(str(p) for p in SQL_TESTS.rglob("*.test.sql"))
    if globs == ["none"]:
        return []
    files = sorted({f for g in globs for f in glob.glob(str(ROOT / g), recursive=True)})
    if not files:
        sys.exit(f"no pgTAP file matches {' '.join(globs)}")
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-lint", action="store_true")
    parser.add_argument("--sql", action="append", default=[], metavar="GLOB")
    parser.add_argument("--py", action="append", default=[], metavar="PATH")
    parser.add_argument("--unit", action="store_true")
    args, extra = parser.parse_known_args()  # the rest goes to pytest (e.g. -k, -x)
    if args.unit:
        step("pytest tests/py/unit", lambda: run(VENV_BIN / "pytest", UNIT_TESTS, *extra))
        return
    if not args.no_lint:
        step("sqlfluff (supabase/)", lambda: run(VENV_BIN / "sqlfluff", "lint", "supabase"))
        step("ruff", lambda: run(VENV_BIN / "ruff", "check", "."))
        step("ruff format", lambda: run(VENV_BIN / "ruff", "format", "--check", "."))
        step("mypy --strict", lambda: run(VENV_BIN / "mypy"))
    pg_prove_files = sql_files(args.sql)
    py_paths = [] if args.py == ["none"] else (args.py or ["tests/py"])
    try:
        with open_server() as server:
            print(f"\ndatabase server: {server.where}", flush=True)
            step("migrate a fresh template database", lambda: bool(build_template(server)))
            step("plpgsql_check", lambda: plpgsql_check(server))
            if pg_prove_files:
                step("pg_prove tests/sql", lambda: pg_prove(server, pg_prove_files))
            if py_paths:
                env = {**os.environ, "PLUGBOARD_TEST_TEMPLATE_READY": TEMPLATE_DB}
                step("pytest", lambda: run(VENV_BIN / "pytest", *py_paths, *extra, env=env))
    except ClusterError as exc:  # e.g. its port taken by another checkout's cluster
        sys.exit(f"database server: {exc}")


if __name__ == "__main__":
    main()
