"""sync_transaction against the sandbox, run by the status change to Approved (the
features' default trigger): Expense -> Purchase, inbound Invoice / Payroll Invoice /
Reimbursement -> Bill, outbound Invoice -> Invoice (customer first); the vendor pushed
first when it is not mapped; the client action's refusal stops the push."""

from __future__ import annotations

from typing import Any

import pytest

from python_workers.providers.quickbooks.mappings import split_transaction_ref
from tests.py.quickbooks.conftest import QbWorld


def _held(qb: QbWorld, transaction_id: str) -> tuple[str, dict[str, Any]]:
    mapping = qb.mapping("transaction", transaction_id)
    assert mapping is not None
    entity, external_id = split_transaction_ref(mapping["external_id"])
    [held] = [e for e in qb.qbo(entity) if e["Id"] == external_id]
    return entity, held


def test_an_expense_becomes_a_purchase_and_its_vendor_is_pushed_first(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Oakwood Timber")
    [expense] = qb.add_transactions(1, vendor, status="Approved", amount="250.00")
    log = qb.log_of(expense)
    assert (log["status"], log["records_created"]) == ("success", 1), log["error_message"]
    entity, held = _held(qb, expense)
    vendor_id = qb.mapping("vendor", vendor)["external_id"]  # type: ignore[index]
    assert entity == "Purchase"
    assert held["PaymentType"] == "CreditCard"
    assert held["AccountRef"] == {"value": qb.qbo_id("Account", "Business Credit Card")}
    assert held["EntityRef"]["value"] == vendor_id
    [line] = held["Line"]
    assert line["Amount"] == 250.0
    detail = line["AccountBasedExpenseLineDetail"]
    assert detail["AccountRef"]["value"] == qb.qbo_id("Account", "Cost of Sales")
    assert detail["TaxCodeRef"]["value"] == qb.qbo_id("TaxCode", "20.0% S")
    assert log["external_id"] == f"Purchase:{held['Id']}"


@pytest.mark.parametrize("kind", ["Invoice", "Payroll Invoice", "Reimbursement"])
def test_inbound_invoices_payroll_and_reimbursements_become_bills(qb: QbWorld, kind: str) -> None:
    vendor = qb.add_vendor("Brightspark Electrical")
    [bill] = qb.add_transactions(1, vendor, status="Approved", transaction_type=kind)
    log = qb.log_of(bill)
    assert log["status"] == "success", log["error_message"]
    entity, held = _held(qb, bill)
    assert entity == "Bill"
    assert held["VendorRef"]["value"] == qb.mapping("vendor", vendor)["external_id"]  # type: ignore[index]
    assert held["DueDate"] is not None


def test_an_outbound_invoice_becomes_an_invoice_for_its_customer(qb: QbWorld) -> None:
    customer = qb.add_vendor("Riverbank Cafe", role_can_be_vendor=False, role_can_be_customer=True)
    [invoice] = qb.add_transactions(
        1, customer, status="Approved", transaction_type="Invoice", direction="outbound"
    )
    log = qb.log_of(invoice)
    assert log["status"] == "success", log["error_message"]
    entity, held = _held(qb, invoice)
    assert entity == "Invoice"
    assert held["CustomerRef"]["value"] == qb.mapping("customer", customer)["external_id"]  # type: ignore[index]


def test_the_client_action_refusing_stops_the_push(qb: QbWorld) -> None:
    vendor = qb.add_vendor("Oakwood Timber")
    [expense] = qb.add_transactions(1, vendor)
    qb.sql(
        "update public.transaction_lines set account_code = '9999' where transaction_id = %s",
        (expense,),
    )
    before = len(qb.qbo("Purchase"))
    qb.approve([expense])
    log = qb.log_of(expense)
    assert (log["status"], log["error_code"]) == ("failed", "not_sendable")
    assert "no account mapping" in log["error_message"]
    assert len(qb.qbo("Purchase")) == before and qb.mapping("vendor", vendor) is None


def test_a_changed_transaction_is_updated_and_an_unchanged_one_skipped(qb: QbWorld) -> None:
    [expense] = qb.add_transactions(1, None, status="Approved")
    qb.log_of(expense)
    skipped = qb.run("sync_transaction", "expenses", expense)
    assert skipped["records_skipped"] == 1
    qb.sql("update public.transactions set description = 'Renamed' where id = %s", (expense,))
    updated = qb.run("sync_transaction", "expenses", expense)
    assert (updated["status"], updated["records_updated"]) == ("success", 1), updated[
        "error_message"
    ]
    _, held = _held(qb, expense)
    assert held["PrivateNote"] == "Renamed" and held["SyncToken"] == "1"
