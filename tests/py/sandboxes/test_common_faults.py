"""Fault injection (per request header and server-wide switch), through the QuickBooks
sandbox over real HTTP."""

from __future__ import annotations

import time

import httpx
import pytest

from sandboxes.testing import clear_faults, inject_faults, sandbox_counters, sandbox_state
from tests.py.sandboxes.quickbooks_client import QuickBooksClient, fault_of


def faulted(kind: str, **extra: str) -> dict[str, str]:
    return {"X-Sandbox-Fault": kind, **extra}


def test_429_has_retry_after_and_the_providers_throttle_body(qbo: QuickBooksClient) -> None:
    response = qbo.get("vendor/1", headers=faulted("429", **{"X-Sandbox-Retry-After": "7"}))
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert fault_of(response)["code"] == "3001"
    assert "errorCode=003001" in fault_of(response)["Message"]


@pytest.mark.parametrize("status", ["500", "503"])
def test_5xx_answers_a_system_fault(qbo: QuickBooksClient, status: str) -> None:
    response = qbo.get("vendor/1", headers=faulted(status))
    assert response.status_code == int(status)
    assert response.json()["Fault"]["type"] == "SystemFault"


def test_reset_drops_the_connection_without_a_response(qbo: QuickBooksClient) -> None:
    with pytest.raises(httpx.TransportError):
        qbo.post("vendor", {"DisplayName": "Never Made"}, headers=faulted("reset"))
    assert qbo.query("select count(*) from Vendor where DisplayName = 'Never Made'") == {
        "totalCount": 0
    }


def test_lost_response_commits_the_change_but_the_client_sees_a_connection_error(
    qbo: QuickBooksClient,
) -> None:
    with pytest.raises(httpx.TransportError):
        qbo.post(
            "vendor", {"DisplayName": "Made Anyway"}, params={"requestid": "lost-1"},
            headers=faulted("lost"),
        )  # fmt: skip
    assert qbo.query("select count(*) from Vendor where DisplayName = 'Made Anyway'") == {
        "totalCount": 1
    }
    retried = qbo.post("vendor", {"DisplayName": "Made Anyway"}, params={"requestid": "lost-1"})
    assert retried.status_code == 200
    assert retried.json()["Vendor"]["DisplayName"] == "Made Anyway"
    assert qbo.query("select count(*) from Vendor where DisplayName = 'Made Anyway'") == {
        "totalCount": 1
    }


def test_latency_delays_the_answer(qbo: QuickBooksClient) -> None:
    started = time.perf_counter()
    response = qbo.get("vendor/1", headers=faulted("latency", **{"X-Sandbox-Latency-Ms": "300"}))
    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.3


def test_server_wide_switch_faults_every_request_until_cleared(qbo: QuickBooksClient) -> None:
    inject_faults(qbo.sandbox, rate=1.0, kinds=["503"])
    assert [qbo.get("vendor/1").status_code for _ in range(3)] == [503, 503, 503]
    clear_faults(qbo.sandbox)
    assert qbo.get("vendor/1").status_code == 200


def test_switch_with_a_seed_repeats_the_same_sequence(qbo: QuickBooksClient) -> None:
    def run() -> list[int]:
        inject_faults(qbo.sandbox, rate=0.5, kinds=["500", "503"], seed=7)
        return [qbo.get("vendor/1").status_code for _ in range(12)]

    first = run()
    assert set(first) > {200}
    assert run() == first


def test_inspection_endpoints_are_never_faulted(qbo: QuickBooksClient) -> None:
    inject_faults(qbo.sandbox, rate=1.0, kinds=["reset"])
    assert sandbox_state(qbo.sandbox)["companies"]
    assert "faults_reset" not in sandbox_counters(qbo.sandbox)
    response = qbo.http.get("/_sandbox/requests", headers=faulted("500"))
    assert response.status_code == 200


def test_injected_faults_are_counted_and_logged(qbo: QuickBooksClient) -> None:
    qbo.get("vendor/1", headers=faulted("503"))
    assert sandbox_counters(qbo.sandbox)["faults_503"] == 1
    [record] = qbo.http.get("/_sandbox/requests", params={"last": 1}).json()
    assert record["fault"] == "503" and record["status"] == 503


def test_invalid_fault_settings_are_refused(qbo: QuickBooksClient) -> None:
    response = qbo.http.post("/_sandbox/faults", json={"rate": 2, "kinds": ["teapot"]})
    assert response.status_code == 400


def test_unknown_fault_header_is_refused_rather_than_ignored(qbo: QuickBooksClient) -> None:
    response = qbo.get("vendor/1", headers=faulted("timeout"))
    assert response.status_code == 400 and "timeout" in response.json()["error"]
