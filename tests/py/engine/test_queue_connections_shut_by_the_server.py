"""A worker's queue connections are not checked with a round trip before each statement
when they were in use a moment ago (engine/queue_connector.py). When the server shuts
them meanwhile (pg_terminate_backend, as a restart does), the next statement on each fails
unrun: it is sent again on a new connection, and the worker goes on taking jobs instead
of stopping on the error."""

from __future__ import annotations

from tests.py.engine.world import Workers, World


def test_queue_connections_shut_by_the_server_are_replaced_and_the_worker_goes_on(
    world: World, workers: Workers
) -> None:
    worker = workers.start(concurrency=2)
    world.wait_final([world.enqueue("manual", "warm")], timeout=60)
    shut = world.sql(
        "select pg_terminate_backend(pid) as shut from pg_stat_activity"
        " where application_name = %s and query not ilike 'listen%%'",
        (f"plugboard-worker:{worker.pid}:queue",),
    )
    assert shut and all(row["shut"] for row in shut)
    later = [world.enqueue("manual", f"after-{i}") for i in range(6)]
    logs = world.wait_final(later, timeout=60)
    assert {log["status"] for log in logs} == {"success"}
    assert worker.poll() is None, "the worker stopped on a connection the server had shut"
