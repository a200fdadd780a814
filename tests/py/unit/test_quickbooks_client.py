"""QuickBooks' client as a server action uses it (client.api_for on the run's context):
what every request carries, paging, the one refresh after a 401, Intuit's Faults, the
retries of 5xx and 429 answers, and a batch answer item by item."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any

import httpx
import pytest

from python_workers.providers.errors import ProviderUnavailable, RateLimited
from python_workers.providers.quickbooks.api import BatchItem, QuickBooksApi, QuickBooksFault
from python_workers.providers.quickbooks.client import api_for
from python_workers.providers.quickbooks.settings import MINOR_VERSION, QuickBooksSettings
from tests.py.unit.memory_context import HeldCredentials, Recorder, memory_context

pytestmark = pytest.mark.anyio


def _json(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def _vendors(first: int, count: int) -> dict[str, Any]:
    rows = [{"Id": str(i), "DisplayName": f"V{i}"} for i in range(first, first + count)]
    return {"QueryResponse": {"Vendor": rows}}


def _fault(code: str, message: str, detail: str = "") -> dict[str, Any]:
    return {"Fault": {"Error": [{"code": code, "Message": message, "Detail": detail}]}}


class Throttles:
    """A limiter that records the pauses the client reports (the realm budget's input)."""

    def __init__(self) -> None:
        self.pauses: list[float] = []

    def request(self) -> AbstractAsyncContextManager[None]:
        return nullcontext()

    def batch(self) -> AbstractAsyncContextManager[None]:
        return nullcontext()

    async def throttled(self, pause_seconds: float) -> None:
        self.pauses.append(pause_seconds)


def _api(answers: Recorder, attempts: int = 2, **context: Any) -> tuple[QuickBooksApi, Throttles]:
    ctx = memory_context(answers, **context)
    limiter = Throttles()
    settings = QuickBooksSettings(attempts_per_request=attempts)
    api = QuickBooksApi(ctx.http, "https://qbo.test", "9130", ctx.credentials, limiter, settings)
    return api, limiter


async def test_every_request_names_the_realm_the_minor_version_and_the_token() -> None:
    answers = Recorder(_json({"Vendor": {"Id": "7", "SyncToken": "0"}}))
    ctx = memory_context(answers, external_account_id="4620816365")
    await api_for(ctx).read("Vendor", "7")
    [request] = answers.requests
    assert request.url.path == "/v3/company/4620816365/vendor/7"
    assert request.url.params["minorversion"] == str(MINOR_VERSION)
    assert request.headers["authorization"] == "Bearer token-1"
    assert request.headers["accept"] == "application/json"


async def test_an_integration_without_a_realm_is_refused_before_any_request() -> None:
    answers = Recorder()
    with pytest.raises(Exception) as refused:
        api_for(memory_context(answers, external_account_id=None))
    assert getattr(refused.value, "code", None) == "not_connected"
    assert answers.requests == []


async def test_a_query_follows_pages_until_a_short_one() -> None:
    answers = Recorder(_json(_vendors(1, 1000)), _json(_vendors(1001, 3)))
    api, _ = _api(answers)
    rows = await api.query("Vendor", "where Active = true")
    assert len(rows) == 1003
    texts = [r.url.params["query"] for r in answers.requests]
    assert texts == [
        "select * from Vendor where Active = true startposition 1 maxresults 1000",
        "select * from Vendor where Active = true startposition 1001 maxresults 1000",
    ]


async def test_a_401_is_tried_once_more_with_a_refreshed_token() -> None:
    answers = Recorder(_json({}, 401), _json({"Vendor": {"Id": "7", "SyncToken": "0"}}))
    credentials = HeldCredentials("old-token", "new-token")
    api, _ = _api(answers, credentials=credentials)
    assert (await api.read("Vendor", "7"))["Id"] == "7"
    assert credentials.refreshes == 1
    tokens = [r.headers["authorization"] for r in answers.requests]
    assert tokens == ["Bearer old-token", "Bearer new-token"]


async def test_a_second_401_is_a_fault_not_another_refresh() -> None:
    answers = Recorder(_json({}, 401), _json(_fault("3200", "AuthenticationFailed"), 401))
    credentials = HeldCredentials("old-token", "new-token")
    api, _ = _api(answers, attempts=4, credentials=credentials)
    with pytest.raises(QuickBooksFault) as refused:
        await api.read("Vendor", "7")
    assert (refused.value.code, refused.value.status, credentials.refreshes) == ("qbo_3200", 401, 1)


async def test_a_fault_is_raised_under_intuits_code_with_its_detail() -> None:
    fault = _fault("6240", "Duplicate Name Exists Error", "The name supplied already exists.")
    api, _ = _api(Recorder(_json(fault, 400)))
    with pytest.raises(QuickBooksFault) as refused:
        await api.create("Vendor", {"DisplayName": "Oakwood"}, "pb1")
    assert refused.value.code == "qbo_6240"
    assert refused.value.retryable is False
    assert refused.value.message == (
        "QuickBooks refused the request (6240): Duplicate Name Exists Error"
        " — The name supplied already exists."
    )


async def test_a_5xx_is_tried_again_and_its_success_counts_the_retry() -> None:
    answers = Recorder(_json({}, 503), _json({"Vendor": {"Id": "7", "SyncToken": "0"}}))
    api, _ = _api(answers)
    await api.read("Vendor", "7")
    assert (len(answers.requests), api.retries) == (2, 1)


async def test_5xx_on_every_try_ends_the_attempt_as_retryable() -> None:
    api, _ = _api(Recorder(_json({}, 502), _json({}, 502)))
    with pytest.raises(ProviderUnavailable) as unavailable:
        await api.read("Vendor", "7")
    assert (unavailable.value.code, unavailable.value.retryable) == ("provider_unavailable", True)


async def test_a_429_tells_the_realm_budget_and_ends_with_its_retry_after() -> None:
    api, limiter = _api(Recorder(_json({}, 429, **{"Retry-After": "0"}), _json({}, 429)))
    with pytest.raises(RateLimited) as limited:
        await api.read("Vendor", "7")
    # the first 429 says 0 s; the second says nothing: QuickBooks' window (60 s)
    assert limiter.pauses == [0.0, 60.0]
    assert limited.value.retry_after == 60.0 and limited.value.retryable


async def test_a_batch_answers_each_item_a_fault_or_the_entity_or_missing() -> None:
    answer = {
        "BatchItemResponse": [
            {"bId": "a", "Purchase": {"Id": "41", "SyncToken": "0"}},
            {"bId": "b", **_fault("6000", "A business validation error has occurred")},
        ]
    }
    answers = Recorder(_json(answer))
    api, _ = _api(answers)
    items = [BatchItem(bid, "Purchase", "create", {"TotalAmt": 1}) for bid in ("a", "b", "c")]
    results = await api.batch(items, "pbchunk")
    assert [(r.bid, r.entity, r.fault and r.fault.code) for r in results] == [
        ("a", {"Id": "41", "SyncToken": "0"}, None),
        ("b", None, "qbo_6000"),
        ("c", None, "qbo_batch_item_missing"),
    ]
    assert answers.requests[0].url.params["requestid"] == "pbchunk"


async def test_a_batch_holds_one_to_thirty_items() -> None:
    answers = Recorder()
    api, _ = _api(answers)
    with pytest.raises(ValueError, match="1 to 30 items, not 31"):
        await api.batch([BatchItem(str(i), "Bill", "create", {}) for i in range(31)], "pb")
    assert answers.requests == []
