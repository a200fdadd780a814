"""Retries back off (exponential, jittered, never sooner than Retry-After); a run failing
past its last attempt ends `failed` with its error; what an attempt wrote is rolled back
with it; counts decide success / partial_success / failed."""

from __future__ import annotations

from tests.py.engine.world import Workers, World


def test_a_flaky_run_is_retried_with_backoff_and_succeeds(world: World, workers: Workers) -> None:
    workers.start()
    log_id = world.enqueue("manual", "tx-1", fail_times=2, mapping="EXT-1")
    [log] = world.wait_final([log_id])
    starts = [call["t"] for call in world.starts(log_id)]
    assert log["status"] == "success" and log["attempt"] == 3
    # backoff base 0.4 s, equal jitter: >= 0.2 s after attempt 1, >= 0.4 s after attempt 2
    assert starts[1] - starts[0] >= 0.2 and starts[2] - starts[1] >= 0.4
    attempts = log["details"]["attempts"]
    assert [(a["attempt"], a["status"], a["error_code"]) for a in attempts] == [
        (1, "failed", "flaky"),
        (2, "failed", "flaky"),
        (3, "success", None),
    ]
    assert log["error_code"] is None and log["finished_at"] is not None
    # attempts 1 and 2 wrote the mapping too, and were rolled back with their failure
    assert world.sql(
        "select external_id from public.integration_entity_mappings where internal_id = 'tx-1'"
    ) == [{"external_id": "EXT-1"}]


def test_retry_after_is_honoured(world: World, workers: Workers) -> None:
    workers.start()
    log_id = world.enqueue("manual", "tx-2", fail_times=1, retry_after=2.5)
    [log] = world.wait_final([log_id])
    first, second = (call["t"] for call in world.starts(log_id))
    assert log["status"] == "success"
    assert second - first >= 2.5  # the backoff alone would be 0.2-0.4 s


def test_a_run_failing_past_its_retries_ends_failed_with_its_error(
    world: World, workers: Workers
) -> None:
    workers.start()
    log_id = world.enqueue("manual", "tx-3", fail="retryable")
    [log] = world.wait_final([log_id])
    assert len(world.starts(log_id)) == 3  # --max-attempts 3
    assert log["status"] == "failed" and log["attempt"] == 3
    assert log["error_code"] == "always"
    assert log["error_message"].startswith("the test provider said no (always); gave up after 3")
    assert log["details"]["attempts"][-1]["error_details"] == {"hint": "from the test provider"}
    assert log["details"]["next_attempt_at"] is None
    assert world.sql("select count(*) as n from procrastinate.procrastinate_jobs") == [{"n": 0}]


def test_a_permanent_failure_is_not_retried(world: World, workers: Workers) -> None:
    workers.start()
    log_id = world.enqueue("manual", "tx-4", fail="permanent")
    [log] = world.wait_final([log_id])
    assert len(world.starts(log_id)) == 1
    assert (log["status"], log["attempt"], log["error_code"]) == ("failed", 1, "always")


def test_counts_decide_the_final_status(world: World, workers: Workers) -> None:
    workers.start()
    partial = world.enqueue("manual", "a", counts={"records_processed": 5, "records_failed": 2})
    failed = world.enqueue("manual", "b", counts={"records_processed": 2, "records_failed": 2})
    counted = world.enqueue("manual", "c", counts={"records_processed": 4, "records_created": 4})
    logs = {log["id"]: log for log in world.wait_final([partial, failed, counted])}
    assert (logs[partial]["status"], logs[partial]["error_message"]) == (
        "partial_success",
        "2 of 5 records failed",
    )
    assert logs[failed]["status"] == "failed"
    assert (logs[counted]["status"], logs[counted]["records_created"]) == ("success", 4)
    assert logs[counted]["duration_ms"] is not None


def test_an_unknown_provider_action_fails_the_run_without_retrying(
    world: World, workers: Workers
) -> None:
    workers.start()
    [row] = world.sql(
        "select private.enqueue_sync_run(%s, null, 'on_manual', 'no_such_action', null, null,"
        " '{}', null) as id",
        (world.integration_id,),
    )
    [log] = world.wait_final([row["id"]])
    assert (log["status"], log["error_code"], log["attempt"]) == ("failed", "unknown_action", 1)
