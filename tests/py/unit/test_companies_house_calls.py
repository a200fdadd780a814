"""Companies House's client as an action builds it (api_of on the run's context): the key
as HTTP Basic user and nowhere else, list resources followed page by page, and the
answers that are not a company mapped to errors a person can act on."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from python_workers.providers.companies_house.api import CompanyNotFound, InvalidApiKey
from python_workers.providers.companies_house.service import api_of
from python_workers.providers.errors import ProviderError, RateLimited
from tests.py.unit.memory_context import HeldCredentials, Recorder, memory_context

pytestmark = pytest.mark.anyio
KEY = "ch-key-0123456789"


def _json(body: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def _context(answers: Recorder, key: str | None = KEY) -> Any:
    return memory_context(
        answers, provider_key="companies_house", external_account_id=None,
        credentials=HeldCredentials(api_key=key),
    )  # fmt: skip


def _officers(first: int, count: int, total: int) -> dict[str, Any]:
    items = [
        {"name": f"OFFICER {i}", "officer_role": "director", "links": {}}
        for i in range(first, first + count)
    ]
    return {
        "kind": "officer-list", "etag": "e", "links": {}, "total_results": total,
        "active_count": total, "resigned_count": 0, "items": items,
        "start_index": first, "items_per_page": 100,
    }  # fmt: skip


async def test_officers_are_followed_page_by_page_until_the_total() -> None:
    answers = Recorder(_json(_officers(0, 100, 130)), _json(_officers(100, 30, 130)))
    found = await (await api_of(_context(answers))).officers("00445790")
    assert len(found) == 130
    assert [r.url.params["start_index"] for r in answers.requests] == ["0", "100"]
    assert {r.url.path for r in answers.requests} == {"/company/00445790/officers"}


async def test_the_key_goes_as_basic_auth_and_never_into_the_clients_repr() -> None:
    answers = Recorder(_json(_officers(0, 1, 1)))
    api = await api_of(_context(answers))
    await api.officers("00445790")
    expected = httpx.BasicAuth(KEY, "").auth_flow(answers.requests[0]).__next__()
    assert answers.requests[0].headers["authorization"] == expected.headers["authorization"]
    assert KEY not in repr(api)


async def test_no_key_is_credential_missing_before_any_request() -> None:
    answers = Recorder()
    with pytest.raises(ProviderError) as missing:
        await api_of(_context(answers, key=None))
    assert missing.value.code == "credential_missing" and answers.requests == []


async def test_an_unknown_company_fails_that_company_not_the_connection() -> None:
    body = {"errors": [{"error": "company-profile-not-found", "type": "ch:service"}]}
    with pytest.raises(CompanyNotFound) as not_found:
        await (await api_of(_context(Recorder(_json(body, 404))))).company_profile("99999999")
    assert not_found.value.code == "company_not_found"
    assert "99999999" in not_found.value.message


async def test_a_refused_key_is_invalid_api_key() -> None:
    with pytest.raises(InvalidApiKey):
        await (await api_of(_context(Recorder(_json({}, 401))))).company_profile("00445790")


async def test_a_429_waits_what_companies_house_says_or_its_window() -> None:
    api = await api_of(_context(Recorder(_json({}, 429, **{"Retry-After": "12"}), _json({}, 429))))
    with pytest.raises(RateLimited) as told:
        await api.company_profile("00445790")
    with pytest.raises(RateLimited) as untold:
        await api.company_profile("00445790")
    assert (told.value.retry_after, untold.value.retry_after) == (12.0, 60.0)
