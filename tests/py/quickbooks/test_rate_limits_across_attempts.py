"""Rate limits that end attempts: a worker that tries each request once within a run
(PLUGBOARD_QBO_ATTEMPTS_PER_REQUEST=1), so every 429 ends the attempt and the engine
decides the next. What an attempt finished stays committed and counted; the next attempt
goes on from there without sending it again; a run that runs out of attempts says it gave
up and counts what QuickBooks holds; a throttled vendor makes its expenses wait, not fail."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import clear_faults, inject_faults
from tests.py.provider_world import SERVICE_ROLE
from tests.py.quickbooks.conftest import TIME_SCALE, QbWorld, module_world, wait_until
from tests.py.quickbooks.realm_limits import (
    add_vendors,
    follow_vendor_run,
    realm_limited,
    vendor_creates,
)
from tests.testdb import DatabaseServer

MAX_ATTEMPTS = 8


@pytest.fixture(scope="module")
def qb_module(
    server: DatabaseServer, template: str, qbo_sandbox: RunningSandbox,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[QbWorld]:  # fmt: skip
    with module_world(
        server, template, qbo_sandbox, tmp_path_factory,
        env={"PLUGBOARD_QBO_ATTEMPTS_PER_REQUEST": "1"},
        worker_args=("--max-attempts", str(MAX_ATTEMPTS)),
    ) as world:  # fmt: skip
        yield world


def test_a_throttled_vendor_run_keeps_what_it_created_and_goes_on_from_there(
    qb: QbWorld,
) -> None:
    names = add_vendors(qb, 40, "Resumed Supplier")
    with realm_limited(qb, 10):
        log_id = qb.queue("sync_vendor", "vendors", None, {"feature": "vendors"})
        log = follow_vendor_run(qb, log_id, set(names.values()))

    assert (log["status"], log["records_created"], log["records_failed"]) == ("success", 40, 0)
    assert log["attempt"] > 1  # throttled, re-queued, and went on
    throttled = [a for a in log["details"]["attempts"] if a["error_code"] == "rate_limited"]
    assert throttled and all("follows in" in a["error_message"] for a in throttled)
    assert vendor_creates(qb) == 40  # no attempt sent an earlier one again
    held = [v["DisplayName"] for v in qb.qbo("Vendor") if v["DisplayName"] in names.values()]
    assert sorted(held) == sorted(names.values())


def test_a_run_out_of_attempts_says_it_gave_up_and_counts_what_quickbooks_holds(
    qb: QbWorld,
) -> None:
    assert qb.sandbox is not None
    names = add_vendors(qb, 20, "Given Up Supplier")
    with realm_limited(qb, 5):
        log_id = qb.queue("sync_vendor", "vendors", None, {"feature": "vendors"})
        try:
            wait_until(lambda: _created(qb, log_id) >= 5, 30)
            inject_faults(qb.sandbox, rate=1.0, kinds=["429"])  # from now on, every request
            [log] = qb.wait_final([log_id], timeout=90)
        finally:
            clear_faults(qb.sandbox)

    held = [v for v in qb.qbo("Vendor") if v["DisplayName"] in names.values()]
    mapped = qb.one(
        "select count(*) as n from public.integration_entity_mappings"
        " where project_integration_id = %s and entity_type = 'vendor'",
        (qb.integration_id,),
    )["n"]
    assert (log["status"], log["attempt"]) == ("partial_success", MAX_ATTEMPTS)
    assert log["records_created"] == len(held) == mapped
    assert 5 <= len(held) < 20
    assert (log["records_processed"], log["records_failed"]) == (20, 20 - len(held))
    assert log["error_code"] == "rate_limited"
    assert f"gave up after {MAX_ATTEMPTS} attempts" in log["error_message"]
    assert "retrying" not in log["error_message"] and "follows in" not in log["error_message"]


def test_an_expense_batch_whose_vendor_is_throttled_waits_and_succeeds(qb: QbWorld) -> None:
    assert qb.sandbox is not None
    qb.override("expenses", "on_manual")
    vendor = qb.add_vendor("Throttled Timber")
    expenses = qb.add_transactions(6, vendor, status="Approved")
    with realm_limited(qb, 3):
        _use_up_the_window(qb, 3)
        requested = qb.one(
            "select public.integration_request_sync(%s, 'expenses', null) as r",
            (qb.integration_id,),
            claims=SERVICE_ROLE,
        )["r"]
        [plan] = qb.wait_final(requested["log_ids"])
        [run] = qb.wait_final(plan["details"]["log_ids"], timeout=60)

    assert (run["status"], run["records_created"], run["records_failed"]) == ("success", 6, 0)
    assert run["attempt"] > 1
    assert run["details"]["attempts"][0]["error_code"] == "rate_limited"
    assert all(qb.mapping("transaction", e) for e in expenses)
    assert len([p for p in qb.qbo("Purchase") if p.get("DocNumber", "").startswith("R-")]) == 6


def _use_up_the_window(qb: QbWorld, requests: int) -> None:
    """The realm's window spent by another app of the same company (reads of its info),
    once the requests of the test's setup have left it."""
    token = httpx.post(f"{qb.url}/_sandbox/tokens", json={"realm_id": qb.realm}).json()
    time.sleep(60 / TIME_SCALE + 0.1)
    started = time.monotonic()
    for _ in range(requests):
        response = httpx.get(
            f"{qb.url}/v3/company/{qb.realm}/query",
            params={"query": "select * from CompanyInfo", "minorversion": "75"},
            headers={"Authorization": f"Bearer {token['access_token']}",
                     "Accept": "application/json"},
        )  # fmt: skip
        assert response.status_code == 200, response.text
    assert time.monotonic() - started < 1.0


def _created(qb: QbWorld, log_id: object) -> int:
    return int(
        qb.one("select records_created from public.integration_sync_logs where id = %s", (log_id,))[
            "records_created"
        ]
    )
