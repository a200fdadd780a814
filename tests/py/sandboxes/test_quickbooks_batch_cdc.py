"""Batch (at most 30 items, per-item faults) and change data capture."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.py.sandboxes.quickbooks_client import QuickBooksClient, expense_line, fault_of


def test_batch_answers_each_item_by_bid_with_entity_query_or_fault(qbo: QuickBooksClient) -> None:
    stale_update = {"Id": "1", "SyncToken": "9", "sparse": True, "Notes": "x"}
    requests: list[dict[str, Any]] = [
        {"bId": "a", "operation": "create", "Vendor": {"DisplayName": "Batch Vendor"}},
        {"bId": "b", "operation": "update", "Vendor": stale_update},
        {"bId": "c", "Query": "select count(*) from Vendor"},
        {"bId": "d", "operation": "delete", "Vendor": {"Id": "2", "SyncToken": "0"}},
    ]
    response = qbo.post("batch", {"BatchItemRequest": requests})
    assert response.status_code == 200
    items = {item["bId"]: item for item in response.json()["BatchItemResponse"]}
    assert items["a"]["Vendor"]["DisplayName"] == "Batch Vendor"
    assert items["b"]["Fault"]["Error"][0]["code"] == "5010"
    assert items["b"]["Fault"]["type"] == "ValidationFault"
    assert items["c"]["QueryResponse"] == {"totalCount": 5}
    assert items["d"]["Fault"]["Error"][0]["code"] == "500"


def test_batch_of_more_than_30_items_is_refused_whole(qbo: QuickBooksClient) -> None:
    items = [{"bId": str(i), "Query": "select * from Vendor"} for i in range(31)]
    response = qbo.post("batch", {"BatchItemRequest": items})
    assert response.status_code == 400 and "30" in fault_of(response)["Detail"]
    thirty = qbo.post("batch", {"BatchItemRequest": items[:30]})
    assert len(thirty.json()["BatchItemResponse"]) == 30


def test_batch_with_repeated_requestid_creates_nothing_more(qbo: QuickBooksClient) -> None:
    body = {
        "BatchItemRequest": [{"bId": "1", "operation": "create", "Vendor": {"DisplayName": "Once"}}]
    }
    first = qbo.post("batch", body, params={"requestid": "batch-1"})
    again = qbo.post("batch", body, params={"requestid": "batch-1"})
    assert again.content == first.content
    assert qbo.query("select count(*) from Vendor where DisplayName = 'Once'") == {"totalCount": 1}


def test_cdc_returns_changes_and_deletions_since(qbo: QuickBooksClient) -> None:
    since = datetime.now(UTC).isoformat()
    time.sleep(0.01)
    qbo.post("vendor", {"Id": "1", "SyncToken": "0", "sparse": True, "Active": False})
    bill = qbo.create("Bill", {"VendorRef": {"value": "2"}, "Line": [expense_line(3)]})
    qbo.post("bill", {"Id": bill["Id"], "SyncToken": "0"}, params={"operation": "delete"})
    response = qbo.get("cdc", params={"entities": "Vendor,Bill,Customer", "changedSince": since})
    answers = response.json()["CDCResponse"][0]["QueryResponse"]
    vendors, bills, customers = answers
    assert [v["Id"] for v in vendors["Vendor"]] == ["1"] and vendors["Vendor"][0]["Active"] is False
    [deleted] = bills["Bill"]
    assert deleted["Id"] == bill["Id"] and deleted["status"] == "Deleted"
    assert deleted["MetaData"]["LastUpdatedTime"]
    assert "Customer" not in customers


def test_cdc_needs_entities_and_a_changed_since_within_30_days(qbo: QuickBooksClient) -> None:
    assert fault_of(qbo.get("cdc", params={"changedSince": "2026-01-01"}))["code"] == "2020"
    old = (datetime.now(UTC) - timedelta(days=31)).isoformat()
    response = qbo.get("cdc", params={"entities": "Vendor", "changedSince": old})
    assert response.status_code == 400 and "30 days" in fault_of(response)["Detail"]
