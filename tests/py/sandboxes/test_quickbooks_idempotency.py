"""`requestid`: a repeated request id returns the first response and changes nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from sandboxes.quickbooks.state import US_REALM
from tests.py.sandboxes.quickbooks_client import QuickBooksClient, expense_line, fault_of


def test_repeated_requestid_returns_original_response_and_creates_nothing(
    qbo: QuickBooksClient,
) -> None:
    first = qbo.post("vendor", {"DisplayName": "Idempotent Ltd"}, params={"requestid": "r-1"})
    again = qbo.post("vendor", {"DisplayName": "Idempotent Ltd"}, params={"requestid": "r-1"})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert qbo.query("select count(*) from Vendor") == {"totalCount": 5}
    assert qbo.http.get("/_sandbox/counters").json()["requestid_replays"] == 1


def test_repeated_requestid_replays_a_fault_too(qbo: QuickBooksClient) -> None:
    stale = {"Id": "1", "SyncToken": "3", "sparse": True, "Notes": "x"}
    first = qbo.post("vendor", stale, params={"requestid": "r-2"})
    again = qbo.post("vendor", {**stale, "SyncToken": "0"}, params={"requestid": "r-2"})
    assert first.status_code == again.status_code == 400
    assert again.content == first.content
    assert "Notes" not in qbo.read("Vendor", "1")


def test_requestids_are_per_realm(qbo: QuickBooksClient) -> None:
    us = QuickBooksClient(qbo.sandbox, US_REALM)
    qbo.post("vendor", {"DisplayName": "Shared Id Ltd"}, params={"requestid": "same"})
    us.post("vendor", {"DisplayName": "Shared Id Ltd"}, params={"requestid": "same"})
    assert us.query("select count(*) from Vendor where DisplayName = 'Shared Id Ltd'") == {
        "totalCount": 1
    }


def test_without_requestid_each_post_is_new(qbo: QuickBooksClient) -> None:
    qbo.create(
        "Bill",
        {
            "VendorRef": {"value": "1"},
            "Line": [expense_line(1)],
        },
    )
    qbo.create(
        "Bill",
        {
            "VendorRef": {"value": "1"},
            "Line": [expense_line(1)],
        },
    )
    assert qbo.query("select count(*) from Bill") == {"totalCount": 2}


def test_requestid_longer_than_intuit_allows_is_refused(qbo: QuickBooksClient) -> None:
    too_long = qbo.post("vendor", {"DisplayName": "Long Id Ltd"}, params={"requestid": "x" * 51})
    assert too_long.status_code == 400 and fault_of(too_long)["code"] == "6000"
    assert (
        qbo.post(
            "vendor", {"DisplayName": "Long Id Ltd"}, params={"requestid": "x" * 50}
        ).status_code
        == 200
    )
    batch = {"BatchItemRequest": [{"bId": "1", "Query": "select * from Vendor"}]}
    assert qbo.post("batch", batch, params={"requestid": "y" * 37}).status_code == 400
    assert qbo.post("batch", batch, params={"requestid": "y" * 36}).status_code == 200


def test_concurrent_requests_with_one_requestid_create_once(qbo: QuickBooksClient) -> None:
    def send(_: int) -> int:
        with httpx.Client(base_url=qbo.sandbox.base_url, timeout=10) as client:
            response = client.post(
                qbo.url("vendor"), json={"DisplayName": "Racing Ltd"}, headers=qbo.auth,
                params={"requestid": "race-1"},
            )  # fmt: skip
            return response.status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(send, range(6))) == [200] * 6
    assert qbo.query("select count(*) from Vendor where DisplayName = 'Racing Ltd'") == {
        "totalCount": 1
    }
