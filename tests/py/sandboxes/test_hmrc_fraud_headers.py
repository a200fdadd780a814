"""HMRC fraud-prevention headers: the Test API verdicts for WEB_APP_VIA_SERVER and
BATCH_PROCESS_DIRECT, per-header errors and warnings, and the feedback on real API calls
(which are recorded, never refused)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import reset_sandbox, sandbox_counters, start_sandbox
from tests.py.sandboxes.hmrc_client import (
    ACCEPT,
    BATCH_PROCESS_DIRECT_HEADERS,
    WEB_APP_VIA_SERVER_HEADERS,
    HmrcClient,
)

VALIDATE = "/test/fraud-prevention-headers/validate"
FEEDBACK = "/test/fraud-prevention-headers/vat-mtd/validation-feedback"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("hmrc", limits_enabled=False) as running:
        yield running


@pytest.fixture
def hmrc(sandbox: RunningSandbox) -> HmrcClient:
    reset_sandbox(sandbox)
    return HmrcClient(sandbox).sign_in()


def _validate(hmrc: HmrcClient, headers: dict[str, str]) -> dict[str, Any]:
    response = hmrc.http.get(
        VALIDATE,
        headers={"Authorization": f"Bearer {hmrc.access_token}", "Accept": ACCEPT, **headers},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _web(**changes: str | None) -> dict[str, str]:
    """The valid WEB_APP_VIA_SERVER set with headers changed (None: left out)."""
    headers = {**WEB_APP_VIA_SERVER_HEADERS, **changes}
    return {k: v for k, v in headers.items() if v is not None}


def _problems(body: dict[str, Any], key: str) -> dict[str, set[str]]:
    """{code: headers} of the errors or warnings."""
    found: dict[str, set[str]] = {}
    for item in body.get(key, []):
        found.setdefault(item["code"], set()).update(item["headers"])
    return found


def test_valid_web_app_via_server_headers(hmrc: HmrcClient) -> None:
    assert _validate(hmrc, WEB_APP_VIA_SERVER_HEADERS) == {
        "specVersion": "3.3",
        "code": "VALID_HEADERS",
        "message": "All headers appear to be valid",
    }


def test_valid_batch_process_direct_headers(hmrc: HmrcClient) -> None:
    assert _validate(hmrc, BATCH_PROCESS_DIRECT_HEADERS)["code"] == "VALID_HEADERS"


def test_application_restricted_token_may_call_the_test_api(hmrc: HmrcClient) -> None:
    hmrc.access_token = hmrc.token(grant_type="client_credentials").json()["access_token"]
    assert _validate(hmrc, WEB_APP_VIA_SERVER_HEADERS)["code"] == "VALID_HEADERS"


def test_test_api_sits_behind_the_api_platform(hmrc: HmrcClient) -> None:
    no_accept = hmrc.http.get(VALIDATE, headers={"Authorization": f"Bearer {hmrc.access_token}"})
    assert no_accept.status_code == 406
    no_token = hmrc.http.get(VALIDATE, headers={"Accept": ACCEPT})
    assert no_token.status_code == 401


def test_missing_header(hmrc: HmrcClient) -> None:
    body = _validate(hmrc, _web(**{"Gov-Client-Device-ID": None}))
    assert body["code"] == "INVALID_HEADERS"
    assert body["message"] == "At least 1 header is invalid"
    assert body["errors"] == [
        {
            "code": "MISSING_HEADER",
            "message": "Header required",
            "headers": ["gov-client-device-id"],
        }
    ]


def test_no_headers_at_all(hmrc: HmrcClient) -> None:
    body = _validate(hmrc, {})
    assert _problems(body, "errors") == {"MISSING_HEADER": {"gov-client-connection-method"}}


def test_unknown_connection_method(hmrc: HmrcClient) -> None:
    body = _validate(hmrc, _web(**{"Gov-Client-Connection-Method": "CARRIER_PIGEON"}))
    assert _problems(body, "errors") == {"INVALID_HEADER": {"gov-client-connection-method"}}


def test_batch_headers_sent_as_a_web_app(hmrc: HmrcClient) -> None:
    headers = {**BATCH_PROCESS_DIRECT_HEADERS, "Gov-Client-Connection-Method": "WEB_APP_VIA_SERVER"}
    body = _validate(hmrc, headers)
    assert "gov-client-public-ip" in _problems(body, "errors")["MISSING_HEADER"]
    assert "gov-client-mac-addresses" in _problems(body, "warnings")["UNEXPECTED_HEADER"]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Gov-Client-Device-ID", "my-device"),
        ("Gov-Client-Multi-Factor", "type=SMS&timestamp=2021-11-21T13%3A23Z&unique-reference=x"),
        ("Gov-Client-Multi-Factor", "type=TOTP&timestamp=21/11/2021&unique-reference=x"),
        ("Gov-Client-Multi-Factor", "type=TOTP&timestamp=2021-11-21T13%3A23Z"),
        ("Gov-Client-Public-IP", "10.0.0.7"),
        ("Gov-Client-Public-IP", "not-an-ip"),
        ("Gov-Client-Public-IP-Timestamp", "2020-09-21T14:30:05Z"),
        ("Gov-Client-Public-Port", "443"),
        ("Gov-Client-Public-Port", "70000"),
        ("Gov-Client-Screens", "width=1920&height=0&scaling-factor=1&colour-depth=16"),
        ("Gov-Client-Screens", "width=1920&height=1080"),
        ("Gov-Client-Timezone", "GMT"),
        ("Gov-Client-Timezone", "UTC+1:00"),
        ("Gov-Client-User-IDs", "my-application"),
        ("Gov-Client-User-IDs", "my application=alice 123"),
        ("Gov-Client-Window-Size", "1256x803"),
        ("Gov-Vendor-Forwarded", "by=203.0.113.6"),
        ("Gov-Vendor-Forwarded", "by=203.0.113.9&for=198.51.100.0"),
        ("Gov-Vendor-License-IDs", "my licensed software=abc"),
        ("Gov-Vendor-Product-Name", "Plugboard Pro"),
        ("Gov-Vendor-Public-IP", "192.168.1.1"),
        ("Gov-Vendor-Version", "1.0.0"),
        ("Gov-Client-Device-ID", ""),
    ],
)
def test_malformed_web_app_header(hmrc: HmrcClient, header: str, value: str) -> None:
    body = _validate(hmrc, _web(**{header: value}))
    assert body["code"] == "INVALID_HEADERS"
    # Gov-Vendor-Forwarded's first hop must agree with the two public IPs.
    agreeing = {"gov-vendor-forwarded"} if header.endswith("Public-IP") else set()
    assert _problems(body, "errors") == {"INVALID_HEADER": {header.lower(), *agreeing}}, body


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Gov-Client-Local-IPs", "10.1.2.3,fc00::"),
        ("Gov-Client-Local-IPs", "10.1.2.300"),
        ("Gov-Client-Local-IPs-Timestamp", "2020-09-21 14:30:05.123"),
        ("Gov-Client-MAC-Addresses", "ea%3A43%3A1a"),
        ("Gov-Client-User-Agent", "os-family=Linux&os-version=6.1"),
        ("Gov-Client-User-IDs", "plugboard=scheduler"),
    ],
)
def test_malformed_batch_header(hmrc: HmrcClient, header: str, value: str) -> None:
    body = _validate(hmrc, {**BATCH_PROCESS_DIRECT_HEADERS, header: value})
    assert _problems(body, "errors") == {"INVALID_HEADER": {header.lower()}}, body


def test_web_app_needs_no_os_user_and_one_version_pair(hmrc: HmrcClient) -> None:
    headers = _web(**{"Gov-Client-User-IDs": "my-application=alice123",
                      "Gov-Vendor-Version": "plugboard=1.0.0"})  # fmt: skip
    assert _validate(hmrc, headers)["code"] == "VALID_HEADERS"


def test_empty_multi_factor_is_a_warning(hmrc: HmrcClient) -> None:
    body = _validate(hmrc, _web(**{"Gov-Client-Multi-Factor": ""}))
    assert body["code"] == "POTENTIALLY_INVALID_HEADERS"
    assert body["message"] == "At least 1 header is potentially invalid"
    assert "errors" not in body
    assert body["warnings"][0]["code"] == "EMPTY_HEADER"
    assert body["warnings"][0]["headers"] == ["gov-client-multi-factor"]


def test_unexpected_header_is_a_warning(hmrc: HmrcClient) -> None:
    body = _validate(hmrc, _web(**{"Gov-Client-Browser-Do-Not-Track": "true"}))
    assert body["code"] == "POTENTIALLY_INVALID_HEADERS"
    assert _problems(body, "warnings") == {"UNEXPECTED_HEADER": {"gov-client-browser-do-not-track"}}


def test_errors_with_the_same_message_are_grouped(hmrc: HmrcClient) -> None:
    body = _validate(hmrc, _web(**{"Gov-Client-Timezone": None, "Gov-Client-Screens": None}))
    assert body["errors"] == [
        {
            "code": "MISSING_HEADER",
            "message": "Header required",
            "headers": ["gov-client-screens", "gov-client-timezone"],
        }
    ]


# --- real API calls -------------------------------------------------------------------


def test_api_calls_with_bad_headers_are_answered_and_recorded(
    sandbox: RunningSandbox, hmrc: HmrcClient
) -> None:
    bad = _web(**{"Gov-Client-Public-Port": "80"})
    response = hmrc.get("/organisations/vat/123456789/obligations", {"status": "O"}, fraud=bad)
    assert response.status_code == 200
    feedback = hmrc.get(FEEDBACK).json()["requests"]
    assert feedback[0]["path"] == "/organisations/vat/123456789/obligations"
    assert feedback[0]["method"] == "GET"
    assert feedback[0]["code"] == "INVALID_HEADERS"
    port = next(h for h in feedback[0]["headers"] if h["header"] == "gov-client-public-port")
    assert port["code"] == "INVALID_HEADER"
    assert port["value"] == "80"
    assert port["errors"]
    assert sandbox_counters(sandbox)["fraud_headers_invalid_headers"] == 1


def test_feedback_lists_valid_calls_and_test_scenarios(hmrc: HmrcClient) -> None:
    hmrc.vat("obligations", {"status": "O"}, scenario="QUARTERLY_ONE_MET")
    record = hmrc.get(FEEDBACK).json()["requests"][0]
    assert record["code"] == "VALID_HEADERS"
    codes = {h["header"]: h["code"] for h in record["headers"]}
    assert codes["gov-test-scenario"] == "TEST_SCENARIO_HEADER"
    assert codes["gov-client-device-id"] == "VALID_HEADER"


def test_feedback_by_connection_method(hmrc: HmrcClient) -> None:
    hmrc.get("/organisations/vat/123456789/obligations", {"status": "O"})
    hmrc.get(
        "/organisations/vat/123456789/obligations",
        {"status": "O"},
        fraud=BATCH_PROCESS_DIRECT_HEADERS,
    )
    batch = hmrc.get(FEEDBACK, {"connectionMethod": "BATCH_PROCESS_DIRECT"}).json()["requests"]
    assert [r["connectionMethod"] for r in batch] == ["BATCH_PROCESS_DIRECT"]
    assert len(hmrc.get(FEEDBACK).json()["requests"]) == 2


def test_feedback_for_an_unknown_api(hmrc: HmrcClient) -> None:
    response = hmrc.get("/test/fraud-prevention-headers/income-tax/validation-feedback")
    assert response.status_code == 404
