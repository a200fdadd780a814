"""Schedules: two planning ticks within a minute run a feature once (also when they run at
the same time); `plugboard worker --plan-schedules` plans by itself where pg_cron is
absent; a tick with more than a batch of due features hands them to workers in batches,
each feature run once; 100,000 scheduled features are planned correctly in one tick."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from tests.py.engine.world import Workers, World, wait_for


def _make_due(world: World) -> None:
    world.sql(
        "update public.project_integration_features set next_run_at = now() - interval '1 day'"
        " where project_integration_id = %s and feature_id = %s",
        (world.integration_id, world.features["nightly"]),
    )


def test_two_ticks_in_a_minute_run_the_feature_once(world: World, workers: Workers) -> None:
    _make_due(world)
    minute = datetime.now(UTC).replace(second=1, microsecond=0)
    planned = [
        world.sql("select private.plan_schedules(%s) as n", (minute + timedelta(seconds=s),))[0][
            "n"
        ]
        for s in (0, 40)
    ]
    assert planned == [1, 0]
    workers.start()
    [log] = world.wait_final([log["id"] for log in world.logs()])
    assert (log["trigger_type"], log["status"]) == ("on_schedule", "success")
    time.sleep(1)
    assert len([c for c in world.calls() if c["event"] == "start"]) == 1


def test_ticks_at_the_same_moment_plan_once(world: World) -> None:
    _make_due(world)
    barrier = threading.Barrier(4)
    results: list[int] = []

    def tick() -> None:
        with psycopg.connect(world.db.url, autocommit=True) as conn:
            barrier.wait()
            row = conn.execute("select private.plan_schedules()").fetchone()
            assert row is not None
            results.append(row[0])

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 0, 0, 1]
    assert len(world.logs()) == 1


def test_a_worker_plans_schedules_where_pg_cron_is_absent(world: World, workers: Workers) -> None:
    assert world.sql("select to_regnamespace('cron') is null as absent") == [{"absent": True}]
    _make_due(world)
    workers.start("--plan-schedules")
    log_ids = wait_for(lambda: [log["id"] for log in world.logs()], 60, "a planned run")
    [log] = world.wait_final(log_ids)
    assert (log["trigger_type"], log["status"]) == ("on_schedule", "success")


def _schedule_projects(conn: psycopg.Connection, world: World, n: int) -> None:
    """n projects with the test provider Connected: n scheduled features (the world's own
    project is one of them)."""
    conn.execute(
        "insert into public.projects (id, name)"
        " select gen_random_uuid(), 'p' || i from generate_series(1, %s) as i",
        (n - 1,),
    )
    # Connected integrations: the engine gives each its scheduled feature's row
    conn.execute(
        "insert into public.project_integrations (project_id, provider_id, status)"
        " select p.id, %s, 'Connected' from public.projects as p"
        " where p.id <> %s",
        (world.provider_id, world.project_id),
    )


BATCH_JOBS = (
    "select count(*) as jobs, sum(jsonb_array_length(args -> 'ids')) as ids"
    " from procrastinate.procrastinate_jobs where task_name = 'plugboard.plan_schedule_batch'"
)


def test_a_large_tick_is_planned_by_workers_in_batches(world: World, workers: Workers) -> None:
    n = 2_500
    with psycopg.connect(world.db.url, autocommit=True) as conn:
        _schedule_projects(conn, world, n)
        conn.execute(
            "update public.project_integration_features set next_run_at = now() - interval '1 day'"
        )
        [planned] = conn.execute("select private.plan_schedules()").fetchone() or [None]
        assert planned == n
        assert conn.execute(BATCH_JOBS).fetchone() == (3, n)
        # while those batches wait, a second tick leaves them to it
        assert conn.execute("select private.plan_schedules()").fetchone() == (0,)
    assert world.logs() == []
    for _ in range(2):
        workers.start(concurrency=8)
    wait_for(lambda: len(world.logs()) == n or None, 120, "the batches' logs")
    finals = world.wait_final([log["id"] for log in world.logs()], timeout=600)
    assert {(log["trigger_type"], log["status"]) for log in finals} == {("on_schedule", "success")}
    assert len({log["project_integration_id"] for log in finals}) == n
    starts = [c["log_id"] for c in world.calls() if c["event"] == "start"]
    assert sorted(starts) == sorted(str(log["id"]) for log in finals)
    assert world.sql(
        "select count(*) as due from public.project_integration_features where next_run_at <= now()"
    ) == [{"due": 0}]


@pytest.mark.timeout(900)
def test_100_000_scheduled_features_are_planned_correctly(world: World) -> None:
    n = 100_000
    with psycopg.connect(world.db.url, autocommit=True) as conn:
        _schedule_projects(conn, world, n)
        scheduled = conn.execute(
            "select count(*) from public.project_integration_features"
            " where feature_id = %s and next_run_at is not null",
            (world.features["nightly"],),
        ).fetchone()
        assert scheduled == (n,)
        # a quarter run every 15 minutes (a project override), the rest on the default
        conn.execute(
            "update public.project_integration_features set trigger_config ="
            """ '{"entity": "projects", "schedule": "*/15 * * * *"}'"""
            " where feature_id = %s and (hashtext(id::text) & 3) = 0",
            (world.features["nightly"],),
        )
        conn.execute(
            "update public.project_integration_features set next_run_at = now() - interval '1 day'"
        )
        tick = conn.execute("select now()").fetchone()
        assert tick is not None
        [planned] = conn.execute("select private.plan_schedules(%s)", tick).fetchone() or [None]
        assert planned == n
        assert conn.execute(BATCH_JOBS).fetchone() == (n // 1000, n)
        # what the workers' plugboard.plan_schedule_batch task runs, one batch after another
        batched = conn.execute(
            "select sum(private.plan_schedule_batch(array(select jsonb_array_elements_text("
            "args -> 'ids')::uuid), (args ->> 'now')::timestamptz))"
            " from procrastinate.procrastinate_jobs"
            " where task_name = 'plugboard.plan_schedule_batch'"
        ).fetchone()
        assert batched == (n,)
        with conn.transaction():  # done, as a worker would finish them (procrastinate's
            # triggers name its tables without a schema)
            conn.execute("set local search_path = procrastinate")
            conn.execute(
                "delete from procrastinate_jobs where task_name = 'plugboard.plan_schedule_batch'"
            )
        checks = conn.execute(
            """
            select
                (select count(*) from public.integration_sync_logs
                 where trigger_type = 'on_schedule' and status = 'pending') as logs,
                (select count(distinct (args ->> 'log_id')) from procrastinate.procrastinate_jobs
                 where status = 'todo') as jobs,
                (select count(*) from public.project_integration_features
                 where next_run_at is distinct from private.cron_next(coalesce(
                     trigger_config, '{"schedule": "0 2 * * *"}') ->> 'schedule', %s)) as wrong,
                (select count(*) from public.project_integration_features
                 where next_run_at <= %s) as due
            """,
            (tick[0], tick[0]),
        ).fetchone()
        assert checks == (n, n, 0, 0)
        [again] = conn.execute("select private.plan_schedules(%s)", tick).fetchone() or [None]
        assert again == 0
        # a batch run a second time (a retry after its commit was lost) plans nothing more
        [twice] = conn.execute(
            "select private.plan_schedule_batch(array(select id from"
            " public.project_integration_features), %s)",
            tick,
        ).fetchone() or [None]
        assert twice == 0
