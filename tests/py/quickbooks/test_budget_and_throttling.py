"""The realm's budget is shared by every worker: two worker processes with 32 runs in
flight, each request held 100 ms by the sandbox, never exceed QuickBooks' 10 concurrent
requests (no 429). A 429 that comes anyway is waited out as Retry-After says and the run
re-queued, not failed."""

from __future__ import annotations

from sandboxes.testing import clear_faults, inject_faults, sandbox_counters
from tests.py.quickbooks.conftest import QbWorld, wait_until


def test_two_workers_stay_within_ten_requests_in_flight(qb: QbWorld) -> None:
    assert qb.sandbox is not None
    vendor = qb.add_vendor("Budget Supplier")
    assert qb.run("sync_vendor", "vendors", vendor)["status"] == "success"
    ids = qb.add_transactions(120, vendor)
    qb.start_worker(concurrency=16)
    before = sandbox_counters(qb.sandbox).get("throttled_requests", 0)
    inject_faults(qb.sandbox, rate=1.0, kinds=["latency"], latency_ms=100)
    qb.approve(ids)
    logs = wait_until(lambda: _final(qb, len(ids)), 120)
    assert all(log["status"] == "success" for log in logs)
    assert sandbox_counters(qb.sandbox).get("throttled_requests", 0) == before


def test_a_throttled_run_waits_for_retry_after_and_is_requeued_not_failed(qb: QbWorld) -> None:
    assert qb.sandbox is not None
    [expense] = qb.add_transactions(1, None)
    inject_faults(qb.sandbox, rate=1.0, kinds=["429"], retry_after=1)
    qb.approve([expense])

    def throttled_once() -> bool:
        rows = qb.sql(
            "select details from public.integration_sync_logs where entity_id = %s", (expense,)
        )
        return bool(rows and rows[0]["details"].get("attempts"))

    wait_until(throttled_once, 60)
    [waiting] = qb.sql(
        "select * from public.integration_sync_logs where entity_id = %s", (expense,)
    )
    assert waiting["status"] in ("pending", "in_progress")
    assert waiting["details"]["attempts"][0]["error_code"] == "rate_limited"
    clear_faults(qb.sandbox)
    log = qb.log_of(expense)
    assert (log["status"], log["records_created"]) == ("success", 1)


def _final(qb: QbWorld, expected: int) -> list[dict[str, object]] | None:
    logs = qb.sql(
        "select status from public.integration_sync_logs where project_integration_id = %s"
        " and action = 'sync_transaction'",
        (qb.integration_id,),
    )
    done = [log for log in logs if log["status"] in ("success", "partial_success", "failed")]
    return done if len(done) == expected else None
