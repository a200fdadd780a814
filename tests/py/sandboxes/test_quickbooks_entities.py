"""QuickBooks entities over real HTTP: create, read, sparse/full update with SyncToken,
delete where QuickBooks allows it, and the faults Intuit documents."""

from __future__ import annotations

from typing import Any

import httpx

from sandboxes.quickbooks.state import GB_REALM, US_REALM
from tests.py.sandboxes.quickbooks_client import (
    QuickBooksClient,
    expense_line,
    fault_of,
    sales_line,
)


def test_read_returns_entity_in_intuit_envelope_with_time(qbo: QuickBooksClient) -> None:
    body = qbo.get("vendor/1").json()
    assert set(body) == {"Vendor", "time"}
    assert body["Vendor"]["Id"] == "1" and body["Vendor"]["SyncToken"] == "0"
    assert body["Vendor"]["MetaData"]["CreateTime"]


def test_company_info_has_country_per_company(qbo: QuickBooksClient) -> None:
    assert qbo.read("CompanyInfo", "1")["Country"] == "GB"
    us = QuickBooksClient(qbo.sandbox, US_REALM)
    assert us.read("CompanyInfo", "1")["Country"] == "US"


def test_create_assigns_id_synctoken_and_metadata(qbo: QuickBooksClient) -> None:
    vendor = qbo.create("Vendor", {"DisplayName": "Kestrel Print Ltd"})
    assert vendor["SyncToken"] == "0" and vendor["Active"] is True
    assert vendor["MetaData"]["CreateTime"] == vendor["MetaData"]["LastUpdatedTime"]
    assert qbo.read("Vendor", vendor["Id"]) == vendor


def test_create_each_transaction_kind_computes_totals(qbo: QuickBooksClient) -> None:
    bill = qbo.create(
        "Bill", {"VendorRef": {"value": "1"}, "Line": [expense_line(40), expense_line(2.5)]}
    )
    purchase = qbo.create(
        "Purchase", {"PaymentType": "Cash", "AccountRef": {"value": "1"}, "Line": [expense_line(9)]}
    )
    invoice = qbo.create("Invoice", {"CustomerRef": {"value": "1"}, "Line": [sales_line(120)]})
    payment = qbo.create("Payment", {"CustomerRef": {"value": "1"}, "TotalAmt": 120})
    assert bill["TotalAmt"] == 42.5 and bill["Balance"] == 42.5
    assert [line["Id"] for line in bill["Line"]] == ["1", "2"]
    assert purchase["TotalAmt"] == 9 and purchase["CurrencyRef"]["value"] == "GBP"
    assert invoice["DocNumber"] and invoice["Balance"] == 120
    assert payment["UnappliedAmt"] == 120


def test_sparse_update_changes_only_given_fields_and_bumps_synctoken(qbo: QuickBooksClient) -> None:
    before = qbo.read("Vendor", "1")
    response = qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Notes": "VIP"})
    after = response.json()["Vendor"]
    assert after["Notes"] == "VIP" and after["SyncToken"] == "1"
    assert after["DisplayName"] == before["DisplayName"]
    assert after["PrimaryEmailAddr"] == before["PrimaryEmailAddr"]
    assert after["MetaData"]["CreateTime"] == before["MetaData"]["CreateTime"]


def test_full_update_clears_fields_not_sent(qbo: QuickBooksClient) -> None:
    response = qbo.post("vendor", {"Id": "1", "SyncToken": "0", "DisplayName": "Acme Renamed"})
    after = response.json()["Vendor"]
    assert after["DisplayName"] == "Acme Renamed"
    assert "PrimaryEmailAddr" not in after


def test_stale_synctoken_is_fault_5010(qbo: QuickBooksClient) -> None:
    qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Notes": "first"})
    response = qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Notes": "second"})
    assert response.status_code == 400
    assert response.json()["Fault"]["type"] == "ValidationFault"
    assert fault_of(response)["code"] == "5010"
    assert qbo.read("Vendor", "1")["Notes"] == "first"


def test_duplicate_display_name_is_fault_6240_across_vendors_and_customers(
    qbo: QuickBooksClient,
) -> None:
    customer_name = qbo.read("Customer", "1")["DisplayName"]
    response = qbo.post("vendor", {"DisplayName": customer_name.upper()})
    assert response.status_code == 400
    assert fault_of(response)["code"] == "6240"
    assert "Id=1" in fault_of(response)["Detail"]


def test_duplicate_account_name_is_fault_6240(qbo: QuickBooksClient) -> None:
    response = qbo.post("account", {"Name": "Travel", "AccountType": "Expense"})
    assert fault_of(response)["code"] == "6240"


def test_transactions_can_be_deleted(qbo: QuickBooksClient) -> None:
    transactions: dict[str, dict[str, Any]] = {
        "Bill": {"VendorRef": {"value": "1"}, "Line": [expense_line(5)]},
        "Purchase": {
            "PaymentType": "Cash",
            "AccountRef": {"value": "1"},
            "Line": [expense_line(5)],
        },
        "Invoice": {"CustomerRef": {"value": "1"}, "Line": [sales_line(5)]},
        "Payment": {"CustomerRef": {"value": "1"}, "TotalAmt": 5},
    }
    for entity, body in transactions.items():
        created = qbo.create(entity, body)
        response = qbo.post(
            entity.lower(), {"Id": created["Id"], "SyncToken": "0"}, params={"operation": "delete"}
        )
        assert response.json()[entity] == {
            "Id": created["Id"],
            "status": "Deleted",
            "domain": "QBO",
        }
        assert fault_of(qbo.get(f"{entity.lower()}/{created['Id']}"))["code"] == "610"


def test_delete_with_stale_synctoken_is_refused(qbo: QuickBooksClient) -> None:
    bill = qbo.create("Bill", {"VendorRef": {"value": "1"}, "Line": [expense_line(5)]})
    response = qbo.post(
        "bill", {"Id": bill["Id"], "SyncToken": "7"}, params={"operation": "delete"}
    )
    assert fault_of(response)["code"] == "5010"


def test_lists_cannot_be_deleted_but_made_inactive(qbo: QuickBooksClient) -> None:
    response = qbo.post("vendor", {"Id": "1", "SyncToken": "0"}, params={"operation": "delete"})
    assert response.status_code == 400 and fault_of(response)["code"] == "500"
    inactive = qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Active": False})
    assert inactive.json()["Vendor"]["Active"] is False
    assert qbo.read("Vendor", "1")["Active"] is False


def test_tax_codes_are_read_only(qbo: QuickBooksClient) -> None:
    response = qbo.post("taxcode", {"Name": "My code"})
    assert fault_of(response)["code"] == "500"


def test_missing_required_field_is_fault_2020_naming_the_element(qbo: QuickBooksClient) -> None:
    response = qbo.post("bill", {"Line": [expense_line(5)]})
    assert response.status_code == 400
    assert fault_of(response)["code"] == "2020"
    assert fault_of(response)["element"] == "VendorRef"


def test_reference_to_missing_or_inactive_entity_is_fault_2500(qbo: QuickBooksClient) -> None:
    missing = qbo.post("bill", {"VendorRef": {"value": "999"}, "Line": [expense_line(5)]})
    assert fault_of(missing)["code"] == "2500"
    qbo.post("vendor", {"Id": "2", "SyncToken": "0", "sparse": True, "Active": False})
    inactive = qbo.post("bill", {"VendorRef": {"value": "2"}, "Line": [expense_line(5)]})
    assert fault_of(inactive)["code"] == "2500"


def test_unknown_property_or_wrong_type_is_fault_2010(qbo: QuickBooksClient) -> None:
    unknown = qbo.post("vendor", {"DisplayName": "New", "Nickname": "x"})
    assert fault_of(unknown)["code"] == "2010" and "Nickname" in fault_of(unknown)["Detail"]
    wrong_type = qbo.post("vendor", {"DisplayName": "New", "Active": "yes"})
    assert fault_of(wrong_type)["code"] == "2010"


def test_missing_entity_is_fault_610(qbo: QuickBooksClient) -> None:
    response = qbo.get("vendor/424242")
    assert response.status_code == 400 and fault_of(response)["code"] == "610"


def test_missing_or_unknown_token_is_401_authentication_fault(qbo: QuickBooksClient) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        response = httpx.get(
            f"{qbo.sandbox.base_url}/v3/company/{GB_REALM}/vendor/1", headers=headers
        )
        assert response.status_code == 401
        fault = response.json()["Fault"]
        assert fault["type"] == "AUTHENTICATION"
        assert fault["Error"][0]["code"] == "3200"
        assert "errorCode=003200" in fault["Error"][0]["Message"]


def test_token_for_another_realm_is_403(qbo: QuickBooksClient) -> None:
    response = qbo.http.get(f"/v3/company/{US_REALM}/vendor/1", headers=qbo.auth)
    assert response.status_code == 403 and fault_of(response)["code"] == "3100"


def test_minorversion_below_minimum_is_served_as_minimum(qbo: QuickBooksClient) -> None:
    for version in ("4", "65", ""):
        assert qbo.get("vendor/1", params={"minorversion": version}).status_code == 200
    assert qbo.get("vendor/1", params={"minorversion": "80"}).status_code == 200
    counters = qbo.http.get("/_sandbox/counters").json()
    assert counters["minorversion_75"] == 3 and counters["minorversion_80"] == 1


def test_without_accept_json_the_call_is_refused_not_served_xml(qbo: QuickBooksClient) -> None:
    response = qbo.get("vendor/1", headers={"Accept": "*/*"})
    assert response.status_code == 406 and fault_of(response)["code"] == "4001"
