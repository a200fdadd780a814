"""supabase/schemas/core/cron.sql (the pg_cron baseline migration holds the same) schedules
one planning job every minute and a daily clean-up of its run history where pg_cron is
installed, idempotently
(unschedule-then-schedule by name), and does nothing where it is not. pg_cron itself only
runs in the cluster's cron.database_name, so these tests stand a stub `cron` schema (its
cron.job table and schedule / unschedule functions) in the test's own database."""

from __future__ import annotations

import psycopg

from python_workers.db.schema_files import SCHEMAS_DIR
from python_workers.db.sql_files import read_statements
from tests.testdb import Database

MIGRATION = SCHEMAS_DIR / "core" / "cron.sql"

STUB_CRON = """
create schema cron;
create table cron.job (
    jobid bigserial primary key, jobname text unique, schedule text, command text
);
create table cron.job_run_details (jobid bigint, end_time timestamptz);
create function cron.schedule(p_name text, p_schedule text, p_command text) returns bigint
language sql as $$
    insert into cron.job (jobname, schedule, command) values (p_name, p_schedule, p_command)
    returning jobid
$$;
create function cron.unschedule(p_jobid bigint) returns boolean
language sql as $$ delete from cron.job where jobid = p_jobid returning true $$;
"""


def _apply(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    for statement in read_statements(MIGRATION):
        conn.execute(statement.text.encode())


def test_without_pg_cron_nothing_is_scheduled(db: Database) -> None:
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        _apply(conn)
        row = conn.execute("select to_regnamespace('cron')").fetchone()
    assert row == (None,)


def test_with_pg_cron_one_planner_and_one_cleanup_scheduled_idempotently(db: Database) -> None:
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        conn.execute(STUB_CRON.encode())
        conn.execute("select cron.schedule('someone_elses_job', '0 * * * *', 'select 1')")
        _apply(conn)
        _apply(conn)
        jobs = conn.execute(
            "select jobname, schedule, command from cron.job order by jobname"
        ).fetchall()
        # the clean-up job deletes only Plugboard's history
        conn.execute(
            "insert into cron.job_run_details select jobid, now() - interval '3 days' from cron.job"
        )
        cleanup = next(
            command for name, _, command in jobs if name == "plugboard_clean_cron_history"
        )
        conn.execute(str(cleanup).encode())
        left = conn.execute(
            "select j.jobname from cron.job_run_details as d join cron.job as j using (jobid)"
        ).fetchall()
    assert [(name, schedule) for name, schedule, _ in jobs] == [
        ("plugboard_clean_cron_history", "17 3 * * *"),
        ("plugboard_plan_schedules", "* * * * *"),
        ("someone_elses_job", "0 * * * *"),
    ]
    assert jobs[1][2] == "select private.plan_schedules()"
    assert left == [("someone_elses_job",)]
