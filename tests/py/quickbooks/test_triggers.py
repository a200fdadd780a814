"""Every trigger type end to end, through real worker processes and the sandbox:
on_status_change (and a rolled-back approval that queues nothing), on_manual through the
Send To and request-sync RPCs, on_schedule through the planner, on_link through a
person's link, realtime through signed webhooks (CloudEvents and legacy; a bad signature
refused, a repeat ignored) and through CDC polling."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest

from python_workers.config import REPO_ROOT
from sandboxes.testing import configure_sandbox
from tests.py.provider_world import SERVICE_ROLE
from tests.py.quickbooks.conftest import QbWorld, wait_until

VERIFIER = "sandbox-verifier-token"  # the sandbox's default verifier token


def test_approving_pushes_and_a_rolled_back_approval_queues_nothing(qb: QbWorld) -> None:
    [expense] = qb.add_transactions(1, None)
    with psycopg.connect(qb.db.url) as conn:  # a transaction that rolls back
        conn.execute("update public.transactions set status = 'Approved' where id = %s", (expense,))
        conn.rollback()
    assert (
        qb.sql("select * from public.integration_sync_logs where entity_id = %s", (expense,)) == []
    )
    assert (
        qb.sql(
            "select * from procrastinate.procrastinate_jobs where queueing_lock like %s",
            (f"%{expense}",),
        )
        == []
    )

    qb.approve([expense])
    log = qb.log_of(expense)
    assert (log["trigger_type"], log["status"], log["records_created"]) == (
        "on_status_change", "success", 1,
    )  # fmt: skip
    assert qb.mapping("transaction", expense) is not None


def test_send_to_validates_pushes_and_answers_with_the_quickbooks_id(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Oakwood Timber")
    refused = qb.one(
        "select public.integration_send_to('quickbooks', 'relationship', %s) as r",
        (qb.add_vendor("Bad: Name"),), claims=SERVICE_ROLE,
    )["r"]  # fmt: skip
    assert refused["queued"] is False and refused["errors"][0]["code"] == "invalid_characters"

    sent = qb.one(
        "select public.integration_send_to('quickbooks', 'relationship', %s) as r",
        (vendor,), claims=SERVICE_ROLE,
    )["r"]  # fmt: skip
    assert sent["queued"] is True and sent["errors"] == []
    [log] = qb.wait_final(sent["log_ids"])
    assert (log["trigger_type"], log["status"]) == ("on_manual", "success")
    assert log["external_id"] == qb.mapping("vendor", vendor)["external_id"]  # type: ignore[index]

    [expense] = qb.add_transactions(1, vendor)
    qb.override("expenses", "on_manual")
    qb.approve([expense])
    requested = qb.one(
        "select public.integration_request_sync(%s, 'expenses', array[%s]) as r",
        (qb.integration_id, expense), claims=SERVICE_ROLE,
    )["r"]  # fmt: skip
    [log] = qb.wait_final(requested["log_ids"])
    assert (log["status"], log["records_created"]) == ("success", 1), log["error_message"]


def test_the_schedule_planner_refreshes_the_chart_of_accounts(qb: QbWorld) -> None:
    qb.sql(
        "update public.project_integration_features as pif"
        " set next_run_at = now() - interval '1 minute'"
        " from public.integration_features as f where f.id = pif.feature_id"
        " and f.key = 'chart_of_accounts' and pif.project_integration_id = %s",
        (qb.integration_id,),
    )
    qb.edit_in_quickbooks("Account", qb.qbo_id("Account", "Subcontractors"), {"Active": False})
    assert qb.one("select private.plan_schedules() as n")["n"] >= 1
    [log] = qb.wait_final(qb.log_ids("trigger_type = 'on_schedule'"))
    assert (log["action"], log["status"]) == ("qb_chart_of_accounts", "success")
    stale = qb.mapping("account", "5100")
    assert stale is not None and stale["is_stale"] and "inactive" in stale["stale_reason"]


def test_a_person_linking_a_supplier_runs_the_on_link_vendor_sync(qb: QbWorld) -> None:
    qb.override("vendors", "on_link")
    vendor = qb.add_vendor("Northern Power", email="billing@northernpower.co.uk")
    existing = qb.qbo_id("Vendor", "Northern Power plc", "DisplayName")
    qb.sql(
        "insert into public.integration_entity_mappings (project_integration_id, entity_type,"
        " internal_id, external_id, created_via) values (%s, 'vendor', %s, %s, 'link')",
        (qb.integration_id, vendor, existing),
    )
    log = qb.log_of(vendor)
    assert (log["trigger_type"], log["action"], log["status"]) == (
        "on_link",
        "sync_vendor",
        "success",
    )
    [held] = [v for v in qb.qbo("Vendor") if v["Id"] == existing]
    assert held["DisplayName"] == "Northern Power" and held["SyncToken"] == "1"
    assert qb.mapping("vendor", vendor)["sync_hash"] is not None  # type: ignore[index]


@pytest.fixture
def functions_url(qb: QbWorld) -> Iterator[str]:
    """`plugboard functions` serving functions/ (the webhook endpoint) on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": qb.db.url,
        "PLUGBOARD_QBO_WEBHOOK_VERIFIER_TOKEN": VERIFIER,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "functions", "--port", str(port)],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=(qb.logs_dir / "functions.log").open("wb"),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(url), 60)
        yield url
    finally:
        process.terminate()
        process.wait(10)
        assert qb.sandbox is not None
        configure_sandbox(qb.sandbox, webhook_urls=[], webhook_format="cloudevents")


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _invoice_and_payment(qb: QbWorld) -> tuple[str, dict[str, Any]]:
    customer = qb.add_vendor("Riverbank Cafe", role_can_be_vendor=False, role_can_be_customer=True)
    [invoice] = qb.add_transactions(
        1, customer, status="Approved", transaction_type="Invoice", direction="outbound"
    )
    assert qb.log_of(invoice)["status"] == "success"
    external = qb.mapping("transaction", invoice)["external_id"].split(":")[1]  # type: ignore[index]
    customer_id = qb.mapping("customer", customer)["external_id"]  # type: ignore[index]
    payment = {
        "CustomerRef": {"value": customer_id}, "TotalAmt": 120.0,
        "Line": [{"Amount": 120.0, "LinkedTxn": [{"TxnId": external, "TxnType": "Invoice"}]}],
    }  # fmt: skip
    return invoice, payment


def _status(qb: QbWorld, transaction_id: str) -> str:
    return str(
        qb.one("select status from public.transactions where id = %s", (transaction_id,))["status"]
    )


@pytest.mark.parametrize("webhook_format", ["cloudevents", "legacy"])
def test_a_payment_webhook_marks_the_invoice_paid(
    qb: QbWorld, functions_url: str, webhook_format: str
) -> None:
    invoice, payment = _invoice_and_payment(qb)
    assert qb.sandbox is not None
    configure_sandbox(
        qb.sandbox,
        webhook_urls=[f"{functions_url}/webhooks/quickbooks"],
        webhook_format=webhook_format,
    )
    qb.create_in_quickbooks("Payment", payment)
    wait_until(lambda: _status(qb, invoice) == "Paid", 30)
    [log] = qb.sql(
        "select * from public.integration_sync_logs where project_integration_id = %s"
        " and action = 'qb_payments'", (qb.integration_id,),
    )  # fmt: skip
    assert (log["trigger_type"], log["status"], log["records_updated"]) == (
        "realtime",
        "success",
        1,
    )


def test_a_webhook_with_a_bad_or_missing_signature_is_refused_and_a_repeat_ignored(
    qb: QbWorld, functions_url: str
) -> None:
    body = json.dumps([{
        "specversion": "1.0", "id": "e1", "source": "intuit", "type": "qbo.payment.created.v1",
        "time": "2026-11-25T10:00:00.000Z", "intuitentityid": "999", "intuitaccountid": qb.realm,
        "data": {},
    }]).encode()  # fmt: skip
    good = base64.b64encode(hmac.new(VERIFIER.encode(), body, hashlib.sha256).digest()).decode()
    url = f"{functions_url}/webhooks/quickbooks"
    for headers in ({}, {"intuit-signature": "bm90IGl0"}, {"intuit-signature": good[:-4] + "AAA="}):
        assert httpx.post(url, content=body, headers=headers).status_code == 401
    assert (
        qb.sql("select * from private.quickbooks_change_events where realm_id = %s", (qb.realm,))
        == []
    )
    assert qb.sql(
        "select * from public.integration_sync_logs where action = 'qb_payments'"
        " and project_integration_id = %s", (qb.integration_id,),
    ) == []  # fmt: skip

    first = httpx.post(url, content=body, headers={"intuit-signature": good}).json()
    again = httpx.post(url, content=body, headers={"intuit-signature": good}).json()
    assert (first["received"], first["duplicates"], first["queued"]) == (1, 0, 1)
    assert (again["received"], again["duplicates"], again["queued"]) == (1, 1, 0)


def test_cdc_polling_finds_a_payment_no_webhook_announced(qb: QbWorld) -> None:
    invoice, payment = _invoice_and_payment(qb)
    qb.create_in_quickbooks("Payment", payment)
    assert qb.one("select private.enqueue_quickbooks_cdc_polls() as n")["n"] >= 1
    [poll] = qb.wait_final(qb.log_ids("action = 'qb_cdc_poll'"))
    assert poll["status"] == "success", poll["error_message"]
    wait_until(lambda: _status(qb, invoice) == "Paid", 30)
    again = qb.run("qb_cdc_poll")  # the same change is not queued twice
    assert again["records_created"] == 0
