"""A whole-feature push: the run plans batch runs of at most 30 records, each one batch
request; a record QuickBooks refuses inside a batch fails alone, recorded against it; the
shared budget keeps QuickBooks from throttling."""

from __future__ import annotations

from sandboxes.testing import sandbox_counters, sandbox_requests
from tests.py.provider_world import SERVICE_ROLE
from tests.py.quickbooks.conftest import QbWorld


def test_a_feature_run_pushes_in_batches_and_maps_item_faults_to_their_records(
    qb: QbWorld,
) -> None:
    assert qb.sandbox is not None
    qb.override("expenses", "on_manual")
    vendor = qb.add_vendor("Oakwood Timber")
    expenses = qb.add_transactions(100, vendor, status="Approved")
    odd = expenses[41]
    qb.sql(
        "update public.transaction_lines set account_code = '6000' where transaction_id = %s",
        (odd,),
    )
    # made inactive in QuickBooks after Plugboard cached it: only QuickBooks can refuse it
    qb.edit_in_quickbooks("Account", qb.qbo_id("Account", "Office Expenses"), {"Active": False})
    throttled_before = sandbox_counters(qb.sandbox).get("throttled_requests", 0)

    requested = qb.one(
        "select public.integration_request_sync(%s, 'expenses', null) as r",
        (qb.integration_id,),
        claims=SERVICE_ROLE,
    )["r"]
    [plan] = qb.wait_final(requested["log_ids"])
    assert plan["status"] == "success" and plan["details"]["batch_runs"] == 4
    runs = qb.wait_final(plan["details"]["log_ids"], timeout=60)
    assert sorted(r["records_processed"] for r in runs) == [10, 30, 30, 30]
    assert sum(r["records_created"] for r in runs) == 99
    [partial] = [r for r in runs if r["status"] != "success"]
    assert (partial["status"], partial["records_failed"]) == ("partial_success", 1)
    [error] = partial["details"]["errors"]
    assert error["entity_id"] == odd and error["code"] == "qbo_2500"

    mapped = [e for e in expenses if qb.mapping("transaction", e)]
    assert len(mapped) == 99 and odd not in mapped
    batches = [r for r in sandbox_requests(qb.sandbox) if r["path"].endswith("/batch")]
    assert len([b for b in batches if qb.realm in b["path"]]) == 4
    assert sandbox_counters(qb.sandbox).get("throttled_requests", 0) == throttled_before
