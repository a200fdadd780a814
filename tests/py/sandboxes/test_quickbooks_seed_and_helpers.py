"""Seed reference data (GB and US companies) and the /_sandbox/ helpers: new companies,
tokens without the consent page, and edits made "directly in QuickBooks"."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sandboxes.quickbooks.state import US_REALM
from tests.py.sandboxes.quickbooks_client import QuickBooksClient, fault_of

EXPECTED_ACCOUNT_TYPES = {
    "Bank", "Credit Card", "Accounts Receivable", "Other Current Asset", "Fixed Asset",
    "Accounts Payable", "Other Current Liability", "Long Term Liability", "Equity", "Income",
    "Other Income", "Cost of Goods Sold", "Expense", "Other Expense",
}  # fmt: skip


def test_gb_company_has_a_chart_of_accounts_across_types_with_subtypes(
    qbo: QuickBooksClient,
) -> None:
    accounts = qbo.query("select * from Account MAXRESULTS 1000")["Account"]
    assert len(accounts) >= 30
    assert {a["AccountType"] for a in accounts} == EXPECTED_ACCOUNT_TYPES
    assert all(a["AccountSubType"] and a["Classification"] for a in accounts)
    assert {"Trade Creditors", "VAT Control"} <= {a["Name"] for a in accounts}


def test_gb_company_has_vat_codes_and_rates(qbo: QuickBooksClient) -> None:
    codes = {c["Name"] for c in qbo.query("select * from TaxCode")["TaxCode"]}
    assert codes == {"20.0% S", "5.0% R", "0.0% Z", "Exempt", "No VAT"}
    rates = {r["Name"]: r["RateValue"] for r in qbo.query("select * from TaxRate")["TaxRate"]}
    assert rates["20.0% S"] == 20.0 and rates["5.0% R"] == 5.0 and rates["0.0% Z"] == 0.0


def test_us_company_has_sales_tax_and_usd(qbo: QuickBooksClient) -> None:
    us = QuickBooksClient(qbo.sandbox, US_REALM)
    info = us.read("CompanyInfo", "1")
    assert info["Country"] == "US" and info["CompanyAddr"]["CountrySubDivisionCode"] == "CA"
    group = us.query("select * from TaxCode where Name = 'California'")["TaxCode"][0]
    assert group["TaxGroup"] is True
    assert len(group["SalesTaxRateList"]["TaxRateDetail"]) == 2
    assert us.read("Vendor", "1")["CurrencyRef"]["value"] == "USD"


def test_companies_have_classes_vendors_and_customers(qbo: QuickBooksClient) -> None:
    assert qbo.query("select count(*) from Class")["totalCount"] >= 3
    assert qbo.query("select count(*) from Vendor")["totalCount"] >= 3
    assert qbo.query("select count(*) from Customer")["totalCount"] >= 3


def test_helper_creates_a_new_seeded_company(qbo: QuickBooksClient) -> None:
    created = qbo.http.post(
        "/_sandbox/companies", json={"country": "US", "name": "Acme Inc"}
    ).json()
    realm = created["realmId"]
    assert created["CompanyInfo"]["CompanyName"] == "Acme Inc"
    client = QuickBooksClient(qbo.sandbox, realm)
    assert client.read("CompanyInfo", "1")["Country"] == "US"
    assert client.query("select count(*) from Account")["totalCount"] >= 30
    refused = qbo.http.post("/_sandbox/companies", json={"country": "FR"})
    assert refused.status_code == 400


def test_direct_edit_changes_the_entity_like_a_quickbooks_user(qbo: QuickBooksClient) -> None:
    before = qbo.read("Vendor", "1")
    since = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    edited = qbo.http.post(
        f"/_sandbox/companies/{qbo.realm}/vendor/1", json={"DisplayName": "Acme Edited In QBO"}
    )
    assert edited.status_code == 200
    after = qbo.read("Vendor", "1")
    assert after["DisplayName"] == "Acme Edited In QBO"
    assert after["SyncToken"] == "1" and after["MetaData"] != before["MetaData"]
    stale = qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Notes": "x"})
    assert fault_of(stale)["code"] == "5010"
    changes = qbo.get("cdc", params={"entities": "Vendor", "changedSince": since}).json()
    assert [v["Id"] for v in changes["CDCResponse"][0]["QueryResponse"][0]["Vendor"]] == ["1"]


def test_direct_edit_still_keeps_names_unique(qbo: QuickBooksClient) -> None:
    other = qbo.read("Vendor", "2")["DisplayName"]
    response = qbo.http.post(
        f"/_sandbox/companies/{qbo.realm}/vendor/1", json={"DisplayName": other}
    )
    assert fault_of(response)["code"] == "6240"


def test_expire_helper_forces_the_refresh_path(qbo: QuickBooksClient) -> None:
    assert qbo.get("vendor/1").status_code == 200
    assert qbo.http.post("/_sandbox/tokens/expire").json()["expired"] >= 1
    assert qbo.get("vendor/1").status_code == 401
