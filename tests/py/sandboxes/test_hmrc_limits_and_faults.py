"""HMRC sandbox: 3 requests per second per application answering 429 MESSAGE_THROTTLED_OUT,
every injected fault kind, inspection and reset."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.hmrc.config import HmrcConfig
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
from tests.py.sandboxes.hmrc_client import VRN, HmrcClient

OPEN = {"status": "O"}
# The one-second window scaled to half a second: short waits, yet room for a slow machine.
TIME_SCALE = 2
WINDOW = 1 / TIME_SCALE + 0.05


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("hmrc", time_scale=TIME_SCALE) as running:
        yield running


@pytest.fixture
def hmrc(sandbox: RunningSandbox) -> HmrcClient:
    reset_sandbox(sandbox)
    client = HmrcClient(sandbox).sign_in()
    time.sleep(WINDOW)  # let the sign-in's calls leave the window
    return client


def test_default_limit_is_three_requests_per_second() -> None:
    assert HmrcConfig().requests_per_second == 3


def test_fourth_request_in_a_second_is_throttled(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    statuses = [hmrc.vat("obligations", OPEN).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    throttled = hmrc.vat("obligations", OPEN)
    assert throttled.status_code == 429
    assert throttled.json() == {
        "code": "MESSAGE_THROTTLED_OUT",
        "message": "The request for the API is throttled as you have exceeded your quota.",
    }
    assert throttled.headers["Retry-After"] == "1"
    assert sandbox_counters(sandbox)["throttled_requests"] >= 2
    time.sleep(WINDOW)
    assert hmrc.vat("obligations", OPEN).status_code != 429


def test_the_limit_counts_the_application_across_its_tokens(
    sandbox: RunningSandbox, hmrc: HmrcClient
) -> None:
    other_user = HmrcClient(sandbox).sign_in(vrn="987654321")
    time.sleep(WINDOW)
    for _ in range(3):
        hmrc.vat("obligations", OPEN)
    assert other_user.vat("obligations", OPEN, vrn="987654321").status_code == 429


def test_oauth_endpoints_are_not_throttled(hmrc: HmrcClient) -> None:
    for _ in range(3):
        hmrc.vat("obligations", OPEN)
    statuses = {hmrc.token(grant_type="client_credentials").status_code for _ in range(5)}
    assert statuses == {200}


def test_window_follows_time_scale(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    configure_sandbox(sandbox, time_scale=1)  # back to a real second
    for _ in range(3):
        hmrc.vat("obligations", OPEN)
    time.sleep(WINDOW)
    assert hmrc.vat("obligations", OPEN).status_code == 429


def test_limits_can_be_switched_off(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    configure_sandbox(sandbox, limits_enabled=False)
    assert 429 not in {hmrc.vat("obligations", OPEN).status_code for _ in range(10)}


# --- faults ---------------------------------------------------------------------------


def _fault(hmrc: HmrcClient, kind: str, **extra: str) -> httpx.Response:
    return hmrc.http.get(
        f"/organisations/vat/{VRN}/obligations",
        params=OPEN,
        headers={**hmrc.headers(), "X-Sandbox-Fault": kind, **extra},
    )


def test_fault_429_is_hmrcs_throttling_answer(hmrc: HmrcClient) -> None:
    response = _fault(hmrc, "429", **{"X-Sandbox-Retry-After": "5"})
    assert response.status_code == 429
    assert response.json()["code"] == "MESSAGE_THROTTLED_OUT"
    assert response.headers["Retry-After"] == "5"


@pytest.mark.parametrize(
    ("kind", "code"), [("500", "INTERNAL_SERVER_ERROR"), ("503", "SERVICE_UNAVAILABLE")]
)
def test_fault_server_errors(hmrc: HmrcClient, kind: str, code: str) -> None:
    response = _fault(hmrc, kind)
    assert (response.status_code, response.json()["code"]) == (int(kind), code)


def test_fault_reset(hmrc: HmrcClient) -> None:
    with pytest.raises(httpx.TransportError):
        _fault(hmrc, "reset")


def test_fault_latency(hmrc: HmrcClient) -> None:
    started = time.perf_counter()
    response = _fault(hmrc, "latency", **{"X-Sandbox-Latency-Ms": "250"})
    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.25


def test_lost_submission_was_committed(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    """The client sees no answer, yet the return is filed: a retry is a duplicate."""
    with pytest.raises(httpx.TransportError):
        hmrc.http.post(
            f"/organisations/vat/{VRN}/returns",
            json={
                "periodKey": "18A1",
                "vatDueSales": 10,
                "vatDueAcquisitions": 0,
                "totalVatDue": 10,
                "vatReclaimedCurrPeriod": 0,
                "netVatDue": 10,
                "totalValueSalesExVAT": 50,
                "totalValuePurchasesExVAT": 0,
                "totalValueGoodsSuppliedExVAT": 0,
                "totalAcquisitionsExVAT": 0,
                "finalised": True,
            },
            headers={**hmrc.headers(), "X-Sandbox-Fault": "lost"},
        )
    logged = sandbox_requests(sandbox, last=1)[0]
    assert (logged["fault"], logged["status"]) == ("lost", 201)
    assert "18A1" in sandbox_state(sandbox)["vat"][VRN]["returns"]
    time.sleep(WINDOW)
    retry = hmrc.submit(
        {**sandbox_state(sandbox)["vat"][VRN]["returns"]["18A1"], "finalised": True}
    )
    assert retry.json()["code"] == "DUPLICATE_SUBMISSION"


def test_server_wide_fault_switch(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    inject_faults(sandbox, rate=1.0, kinds=["500"])
    try:
        assert hmrc.vat("obligations", OPEN).status_code == 500
    finally:
        clear_faults(sandbox)
    assert sandbox_counters(sandbox)["faults_500"] == 1
