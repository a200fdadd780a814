"""Intuit's published limits per realm (500 requests/min, 10 concurrent, 40 batch
requests/min) answered with the throttling fault; windows scale with time_scale."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.quickbooks.state import US_REALM
from sandboxes.testing import configure_sandbox, sandbox_counters, start_sandbox
from tests.py.sandboxes.quickbooks_client import QuickBooksClient, fault_of


@pytest.fixture(scope="module")
def small_limits() -> Iterator[RunningSandbox]:
    """A sandbox allowing 5 requests per (scaled) minute, a minute lasting one second."""
    with start_sandbox("quickbooks", requests_per_minute=5, time_scale=60) as sandbox:
        yield sandbox


def test_501st_request_in_a_minute_is_throttled_with_retry_after(qbo: QuickBooksClient) -> None:
    configure_sandbox(qbo.sandbox, time_scale=6)  # a "minute" of 10 s
    statuses = [qbo.get("vendor/1").status_code for _ in range(500)]
    assert statuses == [200] * 500
    throttled = qbo.get("vendor/1")
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) >= 1
    assert fault_of(throttled)["code"] == "3001"
    assert QuickBooksClient(qbo.sandbox, US_REALM).get("vendor/1").status_code == 200


def test_41st_batch_request_in_a_minute_is_throttled(qbo: QuickBooksClient) -> None:
    configure_sandbox(qbo.sandbox, time_scale=6)
    batch = {"BatchItemRequest": [{"bId": "1", "Query": "select count(*) from Vendor"}]}
    statuses = [qbo.post("batch", batch).status_code for _ in range(41)]
    assert statuses == [200] * 40 + [429]
    assert qbo.get("vendor/1").status_code == 200  # other endpoints still have room
    assert sandbox_counters(qbo.sandbox)["throttled_batch"] == 1


def test_11th_concurrent_request_is_throttled(qbo: QuickBooksClient) -> None:
    start = threading.Barrier(11)
    statuses: list[int] = []

    def slow_read() -> None:
        with httpx.Client(base_url=qbo.sandbox.base_url, timeout=10) as client:
            start.wait()
            headers = {**qbo.auth, "X-Sandbox-Fault": "latency", "X-Sandbox-Latency-Ms": "1000"}
            statuses.append(client.get(qbo.url("vendor/1"), headers=headers).status_code)

    threads = [threading.Thread(target=slow_read) for _ in range(11)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 10 + [429]
    assert sandbox_counters(qbo.sandbox)["throttled_concurrent"] == 1


def test_window_frees_up_after_the_scaled_minute(small_limits: RunningSandbox) -> None:
    client = QuickBooksClient(small_limits)
    assert [client.get("vendor/1").status_code for _ in range(6)] == [200] * 5 + [429]
    time.sleep(1.05)
    assert client.get("vendor/1").status_code == 200


def test_limits_can_be_switched_off(small_limits: RunningSandbox) -> None:
    configure_sandbox(small_limits, limits_enabled=False)
    client = QuickBooksClient(small_limits)
    assert [client.get("vendor/1").status_code for _ in range(12)] == [200] * 12
    configure_sandbox(small_limits, limits_enabled=True)


def test_oauth_endpoints_are_not_counted_against_a_realm(small_limits: RunningSandbox) -> None:
    for _ in range(10):
        assert (
            httpx.get(f"{small_limits.base_url}/.well-known/openid_configuration").status_code
            == 200
        )
