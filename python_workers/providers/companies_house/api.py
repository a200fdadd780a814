"""The Companies House Public Data API over httpx: typed answers, every page followed,
every request drawn from the shared budget (600 requests per 5 minutes for the one key).

The API key is the HTTP Basic username with an empty password. It is passed per request
and never logged or put into an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from python_workers.providers.companies_house.models import (
    CompanyProfile,
    CompanySearch,
    CompanySearchItem,
    FilingHistoryItem,
    FilingHistoryList,
    Officer,
    OfficerList,
    PersonWithSignificantControl,
    PscList,
)
from python_workers.providers.contract import RateBudget
from python_workers.providers.errors import ProviderError, ProviderUnavailable, RateLimited
from python_workers.providers.url_paths import path_segment

ModelT = TypeVar("ModelT", bound=BaseModel)
ItemT = TypeVar("ItemT")

PAGE_SIZE = 100  # the largest page the list resources serve
NOT_FOUND = "company-profile-not-found"


class CompanyNotFound(ProviderError):
    """No company with this number on the register: the number is wrong, not the connection."""

    def __init__(self, company_number: str) -> None:
        super().__init__(
            "company_not_found",
            f"Companies House has no company {company_number} (404): check the company number",
            {"company_number": company_number, "http_status": 404},
        )
        self.company_number = company_number


class InvalidApiKey(ProviderError):
    def __init__(self) -> None:
        super().__init__(
            "invalid_api_key", "Companies House refused the API key (401): set a valid key"
        )


@dataclass(frozen=True)
class CompaniesHouseApi:
    http: httpx.AsyncClient
    base_url: str
    api_key: str
    budget: RateBudget

    def __repr__(self) -> str:
        return f"CompaniesHouseApi({self.base_url!r}, <key redacted>)"

    async def company_profile(self, number: str) -> CompanyProfile:
        return await self._get(
            f"/company/{path_segment('company_number', number)}", CompanyProfile, number
        )

    async def officers(self, number: str) -> list[Officer]:
        return await self._all_pages(
            f"/company/{path_segment('company_number', number)}/officers",
            OfficerList,
            number,
            lambda p: p.items,
            lambda p: p.total_results,
        )

    async def filing_history(self, number: str) -> list[FilingHistoryItem]:
        return await self._all_pages(
            f"/company/{path_segment('company_number', number)}/filing-history",
            FilingHistoryList,
            number,
            lambda p: p.items,
            lambda p: p.total_count,
        )

    async def persons_with_significant_control(
        self, number: str
    ) -> list[PersonWithSignificantControl]:
        return await self._all_pages(
            f"/company/{path_segment('company_number', number)}/persons-with-significant-control",
            PscList,
            number,
            lambda p: p.items,
            lambda p: p.total_results,
        )

    async def search_companies(self, query: str, limit: int) -> tuple[list[CompanySearchItem], int]:
        """The first `limit` matches (pages followed) and how many there are in all."""
        items: list[CompanySearchItem] = []
        total = 0
        while len(items) < limit:
            page = await self._get(
                "/search/companies",
                CompanySearch,
                None,
                {"q": query, "items_per_page": min(PAGE_SIZE, limit), "start_index": len(items)},
            )
            total = page.total_results
            items += page.items
            if not page.items or len(items) >= total:
                break
        return items[:limit], total

    async def _all_pages(
        self,
        path: str,
        model: type[ModelT],
        number: str,
        items_of: Callable[[ModelT], list[ItemT]],
        total_of: Callable[[ModelT], int],
    ) -> list[ItemT]:
        items: list[ItemT] = []
        while True:
            page = await self._get(
                path, model, number, {"items_per_page": PAGE_SIZE, "start_index": len(items)}
            )
            found = items_of(page)
            items += found
            if not found or len(items) >= total_of(page):
                return items

    async def _get(
        self,
        path: str,
        model: type[ModelT],
        number: str | None,
        params: dict[str, Any] | None = None,
    ) -> ModelT:
        async with self.budget.acquire():
            try:
                response = await self.http.get(
                    self.base_url + path, params=params, auth=httpx.BasicAuth(self.api_key, "")
                )
            except httpx.TransportError as error:
                raise ProviderUnavailable("Companies House", None) from error
        not_found = response.status_code == 404 and _error_code(response) == NOT_FOUND
        if not_found and number is not None:
            raise CompanyNotFound(number)
        if response.status_code == 401:
            raise InvalidApiKey()
        if response.status_code == 429:
            raise RateLimited(_retry_after(response), "Companies House")
        if response.status_code >= 500:
            raise ProviderUnavailable("Companies House", response.status_code)
        if response.status_code != 200:
            raise ProviderError(
                _error_code(response) or f"http_{response.status_code}",
                f"Companies House answered {response.status_code} to GET {path}",
            )
        return model.model_validate_json(response.content)


def _error_code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        code = errors[0].get("error")
        return code if isinstance(code, str) else None
    return None


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "")
    return float(value) if value.replace(".", "", 1).isdigit() else 60.0
