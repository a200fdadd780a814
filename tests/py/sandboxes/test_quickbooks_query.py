"""The QuickBooks query language over real HTTP."""

from __future__ import annotations

import time

from tests.py.sandboxes.quickbooks_client import QuickBooksClient, expense_line, fault_of


def test_select_star_returns_entities_with_paging_fields(qbo: QuickBooksClient) -> None:
    result = qbo.query("SELECT * FROM Vendor")
    assert len(result["Vendor"]) == 4
    assert result["startPosition"] == 1 and result["maxResults"] == 4


def test_count_returns_total_count_only(qbo: QuickBooksClient) -> None:
    assert qbo.query("select count(*) from Account") == {"totalCount": 34}


def test_where_equals_in_and_like(qbo: QuickBooksClient) -> None:
    banks = qbo.query("select * from Account where AccountType = 'Bank'")["Account"]
    assert {a["Name"] for a in banks} == {"Current Account", "Business Savings"}
    both = qbo.query("select * from Account where AccountType IN ('Bank', 'Credit Card')")
    assert len(both["Account"]) == 3
    like = qbo.query("select * from Vendor where DisplayName LIKE '%power%'")["Vendor"]
    assert [v["DisplayName"] for v in like] == ["Northern Power plc"]


def test_conditions_combine_with_and(qbo: QuickBooksClient) -> None:
    result = qbo.query(
        "select * from Account where Classification = 'Expense' AND AccountType = 'Expense'"
    )
    assert result["Account"] and all(a["AccountType"] == "Expense" for a in result["Account"])


def test_last_updated_time_filter_finds_recent_changes(qbo: QuickBooksClient) -> None:
    before = qbo.read("Vendor", "1")["MetaData"]["LastUpdatedTime"]
    time.sleep(0.01)
    qbo.post("vendor", {"Id": "3", "SyncToken": "0", "sparse": True, "Notes": "changed"})
    result = qbo.query(f"select * from Vendor where MetaData.LastUpdatedTime > '{before}'")
    assert [v["Id"] for v in result["Vendor"]] == ["3"]


def test_orderby_desc_startposition_and_maxresults_page(qbo: QuickBooksClient) -> None:
    names = [c["Name"] for c in qbo.query("select * from Class ORDERBY Name DESC")["Class"]]
    assert names == sorted(names, reverse=True)
    page = qbo.query("select * from Class ORDERBY Name STARTPOSITION 2 MAXRESULTS 2")
    assert [c["Name"] for c in page["Class"]] == sorted(names)[1:3]
    assert page["startPosition"] == 2 and page["maxResults"] == 2


def test_projection_returns_named_fields(qbo: QuickBooksClient) -> None:
    vendor = qbo.query("select Id, DisplayName from Vendor MAXRESULTS 1")["Vendor"][0]
    assert set(vendor) <= {"Id", "DisplayName", "SyncToken"}


def test_maxresults_over_1000_is_refused(qbo: QuickBooksClient) -> None:
    response = qbo.get("query", params={"query": "select * from Vendor MAXRESULTS 1001"})
    assert response.status_code == 400 and fault_of(response)["code"] == "4001"


def test_syntax_error_is_query_parser_fault(qbo: QuickBooksClient) -> None:
    response = qbo.get("query", params={"query": "select * form Vendor"})
    assert response.status_code == 400
    assert fault_of(response)["code"] == "4000"
    assert "QueryParserError" in fault_of(response)["Detail"]


def test_unknown_entity_is_refused(qbo: QuickBooksClient) -> None:
    response = qbo.get("query", params={"query": "select * from Spaceship"})
    assert fault_of(response)["code"] == "4001"


def test_inactive_list_entities_hidden_unless_asked_for(qbo: QuickBooksClient) -> None:
    qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Active": False})
    assert len(qbo.query("select * from Vendor")["Vendor"]) == 3
    assert len(qbo.query("select * from Vendor where Active IN (true, false)")["Vendor"]) == 4
    assert [v["Id"] for v in qbo.query("select * from Vendor where Active = false")["Vendor"]] == [
        "1"
    ]


def test_no_match_is_empty_query_response(qbo: QuickBooksClient) -> None:
    assert qbo.query("select * from Vendor where DisplayName = 'Nobody'") == {}


def test_query_by_post_with_text_body(qbo: QuickBooksClient) -> None:
    response = qbo.http.post(
        qbo.url("query"),
        content="select * from TaxCode",
        headers={**qbo.auth, "Content-Type": "application/text"},
    )
    assert response.status_code == 200
    assert {c["Name"] for c in response.json()["QueryResponse"]["TaxCode"]} >= {"20.0% S", "No VAT"}


def test_reference_fields_compare_their_value(qbo: QuickBooksClient) -> None:
    qbo.create(
        "Bill",
        {
            "VendorRef": {"value": "2"},
            "Line": [expense_line(1)],
        },
    )
    assert len(qbo.query("select * from Bill where VendorRef = '2'")["Bill"]) == 1
