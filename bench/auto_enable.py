"""`plugboard bench auto_enable`: the cost auto_enable_integrations() adds to projects.

Inserts 10,000 projects with the trigger and without it (disabled), and makes 1,000
country changes, in the same run on a fresh database: per-row cost and the ratio
with / without. Two insert shapes: one statement for all rows (a bulk import) and one
statement per project (an app creating projects one by one, in one transaction).
Countries: a mix (40% GB, 30% US, 30% a country no provider covers), and GB only (the
worst case: 3 integrations and 18 features per project).

Beside each ratio, its floor: the same change plus only the project_integrations rows the
original design asks for (one per covered provider, switched off on a country change),
written directly with every trigger of that table off (its keys and foreign keys still
checked). No implementation that keeps one row per integration can do better than the
floor; history, rescheduling and the credential state come on top of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import psycopg

from bench.report import report
from bench.scratch_db import scratch_database

PROJECTS = 10_000
CHANGES = 1_000
RUNS = 3
TARGET = 2.0  # issue #22: auto-enable at most 2x a plain insert / country change
TRIGGERS = ('"20_auto_enable_integrations_insert"', '"20_auto_enable_integrations_update"')
MIX = "case when i % 10 < 4 then 'GB' when i % 10 < 7 then 'US' else 'FR' end"

Step = Callable[[psycopg.Connection], None]


def _set_trigger(conn: psycopg.Connection, enabled: bool) -> None:
    action = "enable" if enabled else "disable"
    for trigger in TRIGGERS:
        conn.execute(f"alter table public.projects {action} trigger {trigger}")


def _best_seconds(conn: psycopg.Connection, prepare: Step, timed: Step) -> float:
    """Best of RUNS timings of `timed` after `prepare` (untimed), each run in a transaction
    rolled back afterwards."""
    best = float("inf")
    for _ in range(RUNS):
        with conn.transaction(force_rollback=True):
            prepare(conn)
            started = time.perf_counter()
            timed(conn)
            best = min(best, time.perf_counter() - started)
    return best


def _with_trigger(setup: Step, enabled: bool) -> Step:
    """`setup`, then auto-enable switched on or off: what a case's work is timed after."""

    def prepare(conn: psycopg.Connection) -> None:
        setup(conn)
        _set_trigger(conn, enabled)

    return prepare


def _rows_alone(setup: Step, work: Step) -> Step:
    """`work` done without auto-enable, then every trigger of project_integrations off:
    what a case's floor (its integration rows written directly) is timed after."""

    def prepare(conn: psycopg.Connection) -> None:
        _with_trigger(setup, False)(conn)
        work(conn)
        conn.execute("alter table public.project_integrations disable trigger user")

    return prepare


def _statement(sql: str) -> Step:
    def run(conn: psycopg.Connection) -> None:
        conn.execute(sql)

    return run


def _nothing(conn: psycopg.Connection) -> None:
    return None


# the integration rows of the projects named p…/c…, as auto-enable writes them
ROWS_ADDED = """
insert into public.project_integrations (project_id, provider_id, enabled_by)
select n.id, p.id, 'auto'
from public.projects as n
inner join public.integration_provider_countries as pc on n.country_code = pc.country_code
inner join public.integration_providers as p
    on pc.provider_id = p.id and p.auto_enable_for_country and p.is_active
where n.name like 'p%'
"""
ROWS_SWITCHED_OFF = """
update public.project_integrations as pi set is_enabled = false
from public.projects as n
where pi.project_id = n.id and n.name like 'c%' and not exists (
    select from public.integration_provider_countries as pc
    where pc.provider_id = pi.provider_id and pc.country_code = n.country_code)
"""


def _bulk_insert(countries: str) -> Step:
    def work(conn: psycopg.Connection) -> None:
        conn.execute(
            "insert into public.projects (name, country_code) "
            f"select 'p' || i, {countries} from generate_series(1, {PROJECTS}) as i"
        )

    return work


def _row_inserts(countries: str) -> Step:
    def work(conn: psycopg.Connection) -> None:
        codes = conn.execute(
            f"select 'p' || i, {countries} from generate_series(1, {PROJECTS}) as i"
        ).fetchall()
        with conn.cursor() as cur:
            cur.executemany(
                "insert into public.projects (name, country_code) values (%s, %s)", codes
            )

    return work


def _gb_projects(conn: psycopg.Connection) -> None:
    conn.execute(
        "insert into public.projects (name, country_code) "
        f"select 'c' || i, 'GB' from generate_series(1, {CHANGES}) as i"
    )


def _country_changes(conn: psycopg.Connection) -> None:
    ids = conn.execute("select id from public.projects where name like 'c%'").fetchall()
    with conn.cursor() as cur:
        cur.executemany(
            "update public.projects set country_code = %s where id = %s",
            [("US" if n % 2 else "FR", row[0]) for n, row in enumerate(ids)],
        )


def _row(what: str, count: int, without: float, with_: float, floor: float) -> dict[str, object]:
    ratio = with_ / without
    return {
        "case": what,
        "without µs/row": round(without / count * 1e6, 1),
        "with µs/row": round(with_ / count * 1e6, 1),
        "ratio": round(ratio, 2),
        "floor ratio": round((without + floor) / without, 2),
        "target": f"<= {TARGET:g}x",
        "met": "yes" if ratio <= TARGET else "NO",
    }


def main() -> None:
    cases: list[tuple[str, int, Step, Step, str]] = []
    for label, countries in (("mix", MIX), ("GB only", "'GB'")):
        cases.append(
            (
                f"insert {PROJECTS:,}, one statement, {label}",
                PROJECTS,
                _nothing,
                _bulk_insert(countries),
                ROWS_ADDED,
            )
        )
        cases.append(
            (
                f"insert {PROJECTS:,}, row by row, {label}",
                PROJECTS,
                _nothing,
                _row_inserts(countries),
                ROWS_ADDED,
            )
        )
    cases.append(
        (
            f"{CHANGES:,} country changes GB→US/FR, row by row",
            CHANGES,
            _gb_projects,
            _country_changes,
            ROWS_SWITCHED_OFF,
        )
    )

    rows = []
    with scratch_database("auto_enable") as url, psycopg.connect(url, autocommit=True) as conn:
        for what, count, setup, work, written in cases:
            # the earlier cases' rolled-back rows are dead tuples the next case would wade
            # through (the country changes ran at 1.3 ms a change after them, 0.35 without)
            conn.execute(
                "vacuum analyze public.projects, public.project_integrations,"
                " public.integration_config_history, public.project_integration_features"
            )
            without = _best_seconds(conn, _with_trigger(setup, False), work)
            with_ = _best_seconds(conn, _with_trigger(setup, True), work)
            floor = _best_seconds(conn, _rows_alone(setup, work), _statement(written))
            rows.append(_row(what, count, without, with_, floor))
    report(
        "auto_enable",
        rows,
        [
            f"target: ratio with/without at most {TARGET:g}x (issue #22), in every case",
            f"best of {RUNS} runs each; every run in a transaction rolled back afterwards",
            "mix: 40% GB (3 integrations, 18 features), 30% US (1, 9), 30% FR (none)",
            "floor ratio: only the integration rows written, with no trigger on their table",
        ],
    )
