"""Companies House sandbox: 600 requests per 5 minutes per key (scaled down), injected faults,
inspection and reset."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.companies_house.config import WINDOW_SECONDS, CompaniesHouseConfig
from sandboxes.testing import (
    clear_faults,
    configure_sandbox,
    inject_faults,
    reset_sandbox,
    sandbox_counters,
    sandbox_requests,
    sandbox_state,
    start_sandbox,
)
from tests.py.sandboxes.companies_house_client import API_KEY, OTHER_KEY, CompaniesHouseClient

# 3 requests per window; the 5-minute window scaled to one second.
WINDOW = 1.0
TIME_SCALE = 300 / WINDOW


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("companies_house", requests_per_window=3, time_scale=TIME_SCALE) as running:
        yield running


@pytest.fixture
def ch(sandbox: RunningSandbox) -> CompaniesHouseClient:
    reset_sandbox(sandbox)
    return CompaniesHouseClient(sandbox)


def test_default_limit_is_600_requests_per_five_minutes() -> None:
    assert (CompaniesHouseConfig().requests_per_window, WINDOW_SECONDS) == (600, 300)


def test_requests_over_the_limit_get_429_until_the_window_frees_one(
    sandbox: RunningSandbox, ch: CompaniesHouseClient
) -> None:
    statuses = [ch.get("/company/09876543").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    throttled = ch.get("/company/09876543")
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) >= 1
    assert throttled.json()["errors"][0]["type"] == "ch:service"
    assert sandbox_counters(sandbox)["throttled_requests"] == 2
    time.sleep(WINDOW + 0.1)
    assert ch.get("/company/09876543").status_code == 200


def test_answers_carry_the_rate_limit_headers(ch: CompaniesHouseClient) -> None:
    answers = [ch.get("/company/09876543") for _ in range(3)]
    assert [a.headers["X-Ratelimit-Remain"] for a in answers] == ["2", "1", "0"]
    assert answers[0].headers["X-Ratelimit-Limit"] == "3"
    assert answers[0].headers["X-Ratelimit-Window"] == "5m"
    assert int(answers[0].headers["X-Ratelimit-Reset"]) >= int(time.time())


def test_the_limit_is_per_api_key(sandbox: RunningSandbox, ch: CompaniesHouseClient) -> None:
    for _ in range(3):
        ch.get("/company/09876543")
    assert ch.get("/company/09876543").status_code == 429
    other = CompaniesHouseClient(sandbox, OTHER_KEY)
    assert other.get("/company/09876543").status_code == 200


def test_limits_can_be_switched_off(sandbox: RunningSandbox, ch: CompaniesHouseClient) -> None:
    configure_sandbox(sandbox, limits_enabled=False)
    assert {ch.get("/company/09876543").status_code for _ in range(8)} == {200}


def test_requests_without_a_key_do_not_use_the_allowance(
    sandbox: RunningSandbox, ch: CompaniesHouseClient
) -> None:
    for _ in range(5):
        assert httpx.get(f"{sandbox.base_url}/company/09876543").status_code == 401
    assert ch.get("/company/09876543").status_code == 200


# --- faults ---------------------------------------------------------------------------


def test_fault_header_429_carries_retry_after(ch: CompaniesHouseClient) -> None:
    response = ch.get(
        "/company/09876543", headers={"X-Sandbox-Fault": "429", "X-Sandbox-Retry-After": "7"}
    )
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"


@pytest.mark.parametrize("status", [500, 503])
def test_fault_header_server_errors(ch: CompaniesHouseClient, status: int) -> None:
    response = ch.get("/company/09876543", headers={"X-Sandbox-Fault": str(status)})
    assert response.status_code == status
    assert set(response.json()) == {"exception_id", "error"}


def test_fault_header_reset_drops_the_connection(ch: CompaniesHouseClient) -> None:
    with pytest.raises(httpx.TransportError):
        ch.get("/company/09876543", headers={"X-Sandbox-Fault": "reset"})


def test_fault_header_lost_answers_nothing_but_the_request_was_served(
    sandbox: RunningSandbox, ch: CompaniesHouseClient
) -> None:
    with pytest.raises(httpx.TransportError):
        ch.get("/company/09876543", headers={"X-Sandbox-Fault": "lost"})
    logged = sandbox_requests(sandbox, last=1)[0]
    assert (logged["fault"], logged["status"]) == ("lost", 200)


def test_fault_header_latency(ch: CompaniesHouseClient) -> None:
    started = time.perf_counter()
    response = ch.get(
        "/company/09876543",
        headers={"X-Sandbox-Fault": "latency", "X-Sandbox-Latency-Ms": "300"},
    )
    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.3


def test_server_wide_fault_switch(sandbox: RunningSandbox, ch: CompaniesHouseClient) -> None:
    inject_faults(sandbox, rate=1.0, kinds=["503"])
    try:
        assert ch.get("/company/09876543").status_code == 503
    finally:
        clear_faults(sandbox)
    assert ch.get("/company/09876543").status_code == 200
    assert sandbox_counters(sandbox)["faults_503"] == 1


# --- inspection -----------------------------------------------------------------------


def test_state_lists_the_seeded_register(sandbox: RunningSandbox) -> None:
    companies = sandbox_state(sandbox)["companies"]
    assert len(companies) >= 30
    assert companies["SC123456"]["profile"]["company_name"] == "GLENMORE DISTILLERS LIMITED"


def test_reset_clears_the_log_counters_and_config(
    sandbox: RunningSandbox, ch: CompaniesHouseClient
) -> None:
    configure_sandbox(sandbox, api_keys=[API_KEY])
    ch.get("/company/09876543", headers={"X-Sandbox-Fault": "500"})
    assert sandbox_requests(sandbox) and sandbox_counters(sandbox)
    reset_sandbox(sandbox)
    assert sandbox_requests(sandbox) == [] and sandbox_counters(sandbox) == {}
    assert httpx.get(f"{sandbox.base_url}/_sandbox/config").json()["api_keys"] == []
