"""Contract: entity JSON the QuickBooks sandbox returns and accepts, and its Fault bodies,
checked against shapes derived from Intuit's XSDs (specs/quickbooks-online)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sandboxes.quickbooks.kinds import KINDS
from sandboxes.quickbooks.shapes import SHAPES_FILE, derive_shapes, problems
from sandboxes.quickbooks.state import US_REALM
from tests.py.sandboxes.quickbooks_client import (
    QuickBooksClient,
    expense_line,
    fault_of,
    sales_line,
)

# Requests a client of Plugboard's kind sends; each must match the XSD and be accepted.
ACCEPTED_REQUESTS: dict[str, dict[str, Any]] = {
    "Vendor": {
        "DisplayName": "Contract Vendor Ltd", "CompanyName": "Contract Vendor Ltd",
        "PrimaryEmailAddr": {"Address": "ap@contract.example.com"},
        "PrimaryPhone": {"FreeFormNumber": "020 7946 0000"},
        "BillAddr": {"Line1": "1 High St", "City": "Leeds", "PostalCode": "LS1 1AA",
                     "Country": "GBR"},
        "TaxIdentifier": "GB123456789", "Vendor1099": False,
    },
    "Customer": {"DisplayName": "Contract Customer", "GivenName": "Ada", "FamilyName": "Lovelace",
                 "Taxable": True},
    "Account": {"Name": "Contract Expenses", "AccountType": "Expense",
                "AccountSubType": "OfficeGeneralAdministrativeExpenses"},
    "Class": {"Name": "Contract Class"},
    "Bill": {"VendorRef": {"value": "1"}, "TxnDate": "2026-01-15", "DueDate": "2026-02-14",
             "DocNumber": "B-1", "PrivateNote": "contract",
             "Line": [{**expense_line(100), "Description": "Paper"}]},
    "Purchase": {"PaymentType": "CreditCard", "AccountRef": {"value": "3"},
                 "EntityRef": {"value": "1", "type": "Vendor"},
                 "Line": [{"Amount": 20, "DetailType": "AccountBasedExpenseLineDetail",
                           "AccountBasedExpenseLineDetail": {
                               "AccountRef": {"value": "29"}, "ClassRef": {"value": "1"},
                               "TaxCodeRef": {"value": "1"}}}]},
    "Invoice": {"CustomerRef": {"value": "1"}, "Line": [sales_line(250)],
                "BillEmail": {"Address": "hello@riversidecafe.co.uk"}},
    "Payment": {"CustomerRef": {"value": "1"}, "TotalAmt": 250,
                "DepositToAccountRef": {"value": "1"}},
}  # fmt: skip


def test_committed_shapes_are_what_the_xsds_say() -> None:
    assert json.loads(SHAPES_FILE.read_text()) == derive_shapes(), (
        "xsd_shapes.json is stale: python -m sandboxes.quickbooks.shapes"
    )


def test_shapes_cover_every_entity_the_sandbox_serves() -> None:
    assert set(KINDS) <= set(json.loads(SHAPES_FILE.read_text())["roots"])


@pytest.mark.parametrize("entity", sorted(KINDS))
@pytest.mark.parametrize("realm", ["gb", "us"])
def test_every_seeded_entity_matches_its_xsd_shape(
    qbo: QuickBooksClient, entity: str, realm: str
) -> None:
    client = qbo if realm == "gb" else QuickBooksClient(qbo.sandbox, US_REALM)
    if entity == "CompanyInfo":
        rows = [client.read("CompanyInfo", "1")]
    else:
        rows = client.query(f"select * from {entity} where Active IN (true, false)").get(entity, [])
    for row in rows:
        assert problems(entity, row) == [], row


@pytest.mark.parametrize("entity", sorted(ACCEPTED_REQUESTS))
def test_requests_match_the_xsd_and_responses_too(qbo: QuickBooksClient, entity: str) -> None:
    request = ACCEPTED_REQUESTS[entity]
    assert problems(entity, request) == []
    created = qbo.create(entity, request)
    assert problems(entity, created) == []
    assert problems(entity, qbo.read(entity, created["Id"])) == []
    updated = qbo.post(
        entity.lower(), {"Id": created["Id"], "SyncToken": created["SyncToken"], "sparse": True}
    ).json()[entity]
    assert problems(entity, updated) == []


def test_fault_bodies_match_the_xsd_fault_type(qbo: QuickBooksClient) -> None:
    responses = [
        qbo.post("vendor", {"Id": "1", "SyncToken": "9", "sparse": True}),  # 5010
        qbo.post("vendor", {"DisplayName": qbo.read("Vendor", "2")["DisplayName"]}),  # 6240
        qbo.get("vendor/999"),  # 610
        qbo.get("query", params={"query": "select"}),  # 4000
        qbo.get("vendor/1", headers={"Authorization": "Bearer nope"}),  # 401
        qbo.get("vendor/1", headers={"X-Sandbox-Fault": "429"}),
        qbo.get("vendor/1", headers={"X-Sandbox-Fault": "503"}),
    ]
    for response in responses:
        assert response.status_code >= 400
        body = response.json()
        assert set(body) == {"Fault", "time"}
        assert problems("Fault", body["Fault"]) == [], body
        assert fault_of(response)["Message"] and fault_of(response)["code"]


def test_checker_reports_unknown_fields_wrong_types_and_bad_enums() -> None:
    assert problems("Vendor", {"Nickname": "x"}) == ["Vendor.Nickname: not a field of Vendor"]
    assert problems("Vendor", {"Active": "true"}) != []
    assert problems("Bill", {"Line": {"Amount": 1}}) == ["Bill.Line: expected a list"]
    assert problems("Account", {"AccountType": "Piggy Bank"}) != []
    assert problems("Bill", {"Line": [{"Amount": "1"}]}) != []
