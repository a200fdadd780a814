"""What the engine makes of anything an action raises (engine/errors.py classify): the
code, message and retryability the sync log records, and when the next attempt may come."""

from __future__ import annotations

import httpx
import pydantic

from python_workers.engine.errors import classify, retry_after_seconds
from python_workers.providers.errors import ProviderError, RateLimited


def _status_error(status: int, **headers: str) -> httpx.HTTPStatusError:
    request = httpx.Request("GET", "https://provider.test/v1/things?token=secret")
    response = httpx.Response(status, headers=headers, request=request)
    return httpx.HTTPStatusError("refused", request=request, response=response)


def test_a_provider_error_keeps_its_code_message_and_details() -> None:
    error = classify(ProviderError("not_sendable", "cannot take it", {"errors": [1]}))
    assert (error.code, error.message, error.retryable, error.details) == (
        "not_sendable", "cannot take it", False, {"errors": [1]},
    )  # fmt: skip


def test_a_rate_limit_is_retried_after_what_the_provider_asked() -> None:
    error = classify(RateLimited(12.0, "QuickBooks"))
    assert (error.code, error.retryable, error.retry_after) == ("rate_limited", True, 12.0)


def test_an_http_5xx_is_retryable_and_named_without_its_query_string() -> None:
    error = classify(_status_error(503, **{"Retry-After": "30"}))
    assert (error.code, error.retryable, error.retry_after) == ("http_503", True, 30.0)
    assert error.message == "GET /v1/things answered HTTP 503"


def test_an_http_4xx_is_permanent() -> None:
    error = classify(_status_error(404))
    assert (error.code, error.retryable) == ("http_404", False)


def test_params_the_action_cannot_read_are_invalid_params_never_retried() -> None:
    class Params(pydantic.BaseModel):
        entity_id: int

    try:
        Params.model_validate({"entity_id": "not a number"})
    except pydantic.ValidationError as invalid:
        error = classify(invalid)
    assert (error.code, error.retryable) == ("invalid_params", False)


def test_retry_after_is_read_as_seconds_or_an_http_date() -> None:
    assert retry_after_seconds("120") == 120.0
    now = 1_764_835_200.0  # Thu, 04 Dec 2025 08:00:00 GMT
    assert retry_after_seconds("Thu, 04 Dec 2025 08:01:30 GMT", now) == 90.0
    assert retry_after_seconds("Thu, 04 Dec 2025 07:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
