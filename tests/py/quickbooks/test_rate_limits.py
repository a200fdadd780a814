"""A realm that allows fewer requests than Plugboard's budget assumes (10 per 2 s window
here, against the published 500 a minute), answering 429 with Intuit's throttle fault and
no Retry-After: the run waits out the realm's window (not ~1 s, inside it), commits each
vendor with its mapping and the log's counts, and the shared budget learns the realm's
limit. (test_rate_limits_across_attempts.py: a worker whose every 429 ends the attempt.)"""

from __future__ import annotations

from sandboxes.testing import sandbox_counters
from tests.py.quickbooks.conftest import QbWorld
from tests.py.quickbooks.realm_limits import (
    add_vendors,
    follow_vendor_run,
    realm_limited,
    vendor_creates,
)


def test_a_40_vendor_run_against_a_realm_of_10_per_window_maps_each_once_and_counts_truly(
    qb: QbWorld,
) -> None:
    assert qb.sandbox is not None
    names = add_vendors(qb, 40, "Windowed Supplier")
    throttled_before = sandbox_counters(qb.sandbox).get("throttled_requests", 0)
    with realm_limited(qb, 10):
        log_id = qb.queue("sync_vendor", "vendors", None, {"feature": "vendors"})
        log = follow_vendor_run(qb, log_id, set(names.values()))

    assert (log["status"], log["records_created"], log["records_failed"]) == ("success", 40, 0)
    assert log["records_processed"] == 40
    held = [v["DisplayName"] for v in qb.qbo("Vendor") if v["DisplayName"] in names.values()]
    assert sorted(held) == sorted(names.values())  # each once
    external = {r: (qb.mapping("vendor", r) or {}).get("external_id") for r in names}
    assert None not in external.values() and len(set(external.values())) == 40
    assert vendor_creates(qb) == 40  # none sent twice
    # the realm did throttle, and the budget learned its limit from it
    assert sandbox_counters(qb.sandbox).get("throttled_requests", 0) > throttled_before
    [budget] = qb.sql(
        "select learned_capacity from private.rate_budgets where key = %s",
        (f"quickbooks:{qb.realm}",),
    )
    assert budget["learned_capacity"] is not None and budget["learned_capacity"] <= 12
