"""Plugboard records as the QuickBooks payloads sent for them (payloads.py), and the hash
kept with each mapping (hashing.py) that decides whether a record changed since."""

from __future__ import annotations

import pytest

from python_workers.providers.quickbooks.hashing import sent_fields, stable_hash
from python_workers.providers.quickbooks.payloads import party, transaction
from tests.py.unit.quickbooks_rows import line_row, relationship_row, transaction_row


def test_an_expense_is_a_purchase_paid_from_its_account_to_its_vendor() -> None:
    sent = transaction(transaction_row(), "Purchase").payload()
    assert sent["PaymentType"] == "CreditCard"
    assert sent["AccountRef"] == {"value": "41"}
    assert sent["EntityRef"] == {"value": "56", "type": "Vendor"}
    [line] = sent["Line"]
    assert line["DetailType"] == "AccountBasedExpenseLineDetail"
    assert line["AccountBasedExpenseLineDetail"]["AccountRef"] == {"value": "84"}


def test_an_outbound_invoice_is_an_invoice_of_sales_lines_for_its_customer() -> None:
    row = transaction_row(transaction_type="Invoice", transaction_direction="outbound",
                       customer_id="77", due_date="2026-12-30")  # fmt: skip
    sent = transaction(row, "Invoice").payload()
    assert (sent["CustomerRef"], sent["DueDate"]) == ({"value": "77"}, "2026-12-30")
    [line] = sent["Line"]
    assert line["DetailType"] == "SalesItemLineDetail"
    assert "AccountRef" not in sent and "VendorRef" not in sent


def test_a_reference_missing_after_validation_is_a_bug_not_a_silent_gap() -> None:
    row = transaction_row(lines=[line_row(account_id=None)])
    with pytest.raises(ValueError, match="line 1 account is not mapped"):
        transaction(row, "Bill")


def test_a_business_is_sent_with_its_legal_name_a_person_without() -> None:
    business = party(relationship_row()).payload()
    person = party(relationship_row(entity_type="Individual")).payload()
    assert (business["DisplayName"], business["CompanyName"]) == (
        "Oakwood Timber", "Oakwood Timber Ltd",
    )  # fmt: skip
    assert "CompanyName" not in person


def test_the_hash_ignores_what_quickbooks_adds_and_how_it_writes_numbers() -> None:
    sent = transaction(transaction_row(), "Purchase").payload()
    held = {
        **sent, "Id": "17", "SyncToken": "3", "TotalAmt": 120.5,
        "Line": [{**sent["Line"][0], "Id": "1", "LineNum": 1, "Amount": 120.5}],
    }  # fmt: skip
    assert stable_hash(sent_fields(sent, held)) == stable_hash(sent)


def test_the_hash_changes_when_a_sent_value_changes() -> None:
    sent = transaction(transaction_row(), "Purchase").payload()
    changed = transaction(transaction_row(description="Site visit (2)"), "Purchase").payload()
    assert stable_hash(changed) != stable_hash(sent)
