"""HMRC's API platform as an HMRC action calls it (hmrc_http on the run's context): the
versioned Accept header, the one refresh after a 401 (but not for INVALID_SCOPE), and
HMRC's answers mapped to errors a person can act on."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from python_workers.providers.errors import ProviderUnavailable, RateLimited
from python_workers.providers.hmrc.api import HmrcApi
from python_workers.providers.hmrc.http import HmrcRefused, error_of, hmrc_http
from python_workers.providers.hmrc.refusals import explained
from tests.py.unit.memory_context import HeldCredentials, Recorder, memory_context

pytestmark = pytest.mark.anyio

FRAUD = {"Gov-Client-Connection-Method": "BATCH_PROCESS_DIRECT"}
OPEN = {
    "obligations": [
        {"start": "2026-07-01", "end": "2026-09-30", "due": "2026-11-07", "status": "O",
         "periodKey": "26C3"}
    ]
}  # fmt: skip


def _json(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def _api(answers: Recorder, credentials: HeldCredentials | None = None) -> HmrcApi:
    return HmrcApi(hmrc_http(memory_context(answers, provider_key="hmrc", credentials=credentials)))


async def test_obligations_are_asked_with_the_versioned_accept_and_the_fraud_headers() -> None:
    answers = Recorder(_json(OPEN))
    found = await _api(answers).obligations(
        "123456789", FRAUD, "F", (date(2026, 1, 1), date(2026, 12, 31))
    )
    assert [o.periodKey for o in found.obligations] == ["26C3"]
    [request] = answers.requests
    assert request.url.path == "/organisations/vat/123456789/obligations"
    assert dict(request.url.params) == {"status": "F", "from": "2026-01-01", "to": "2026-12-31"}
    assert request.headers["accept"] == "application/vnd.hmrc.1.0+json"
    assert request.headers["gov-client-connection-method"] == "BATCH_PROCESS_DIRECT"


async def test_no_obligations_is_hmrcs_404_not_an_error() -> None:
    found = await _api(Recorder(_json({"code": "NOT_FOUND"}, 404))).obligations(
        "123456789", FRAUD, "O", None
    )
    assert found.obligations == []


async def test_a_dead_token_is_refreshed_once_and_the_call_repeated() -> None:
    answers = Recorder(_json({"code": "INVALID_CREDENTIALS"}, 401), _json(OPEN))
    credentials = HeldCredentials("old-token", "new-token")
    await _api(answers, credentials).obligations("123456789", FRAUD, "O", None)
    assert credentials.refreshes == 1
    assert [r.headers["authorization"] for r in answers.requests] == [
        "Bearer old-token", "Bearer new-token",
    ]  # fmt: skip


async def test_a_missing_scope_is_a_refusal_and_no_refresh() -> None:
    answers = Recorder(
        _json(
            {"code": "INVALID_SCOPE", "message": "Invalid Authentication information provided"}, 401
        )
    )
    credentials = HeldCredentials("token", "never-used")
    with pytest.raises(HmrcRefused) as refused:
        await _api(answers, credentials).obligations("123456789", FRAUD, "O", None)
    assert (refused.value.code, refused.value.status, credentials.refreshes) == (
        "INVALID_SCOPE",
        401,
        0,
    )


async def test_a_429_is_retryable_after_hmrcs_retry_after() -> None:
    with pytest.raises(RateLimited) as limited:
        await _api(Recorder(_json({}, 429, **{"Retry-After": "7"}))).obligations(
            "123456789", FRAUD, "O", None
        )
    assert limited.value.retry_after == 7.0


async def test_a_5xx_is_retryable() -> None:
    with pytest.raises(ProviderUnavailable):
        await _api(Recorder(_json({}, 503))).obligations("123456789", FRAUD, "O", None)


def _refused(body: dict[str, Any], status: int = 403) -> HmrcRefused:
    return HmrcRefused(status, error_of(_json(body, status)))


def test_a_duplicate_return_is_told_under_its_own_code_with_what_to_do() -> None:
    already = "The VAT return was already submitted for the given period."
    refused = _refused(
        {
            "code": "BUSINESS_ERROR",
            "message": "Business validation error",
            "errors": [{"code": "DUPLICATE_SUBMISSION", "message": already}],
        }
    )
    error = explained(refused, "26C3")
    assert error.code == "DUPLICATE_SUBMISSION"
    assert error.message.startswith("HMRC already has a VAT return for period 26C3.")
    assert error.details["hmrc_code"] == "BUSINESS_ERROR"


def test_box_errors_are_told_against_their_boxes() -> None:
    errors = [
        ("INVALID_MONETARY_AMOUNT", "amount should be a monetary value", "/vatDueSales"),
        ("INVALID_NUMERIC_VALUE", "should be a whole number", "/totalValueSalesExVAT"),
    ]
    refused = _refused(
        {
            "code": "INVALID_REQUEST",
            "message": "Invalid request",
            "errors": [{"code": c, "message": m, "path": p} for c, m, p in errors],
        },
        400,
    )
    error = explained(refused, "26C3")
    assert error.message == (
        "HMRC refused the return: box 1 (vatDueSales): amount should be a monetary value; "
        "box 6 (totalValueSalesExVAT): should be a whole number"
    )
    assert [(e["box"], e["field"]) for e in error.details["errors"]] == [
        (1, "vatDueSales"), (6, "totalValueSalesExVAT"),
    ]  # fmt: skip


def test_an_error_body_hmrc_did_not_send_is_named_by_its_status() -> None:
    refused = HmrcRefused(400, error_of(httpx.Response(400, text="<html>")))
    assert (refused.code, refused.message) == ("http_400", "HMRC refused the call")
