"""The typed QuickBooks Online v3 client: one realm, httpx, Intuit's Fault bodies.

Every call carries `minorversion` and `Accept: application/json`, takes its slots of the
realm's shared budget (budget.py) for exactly the time it is in flight, and tries again
within the run where that is safe and useful:
  429           the realm's budget learns from it (budget.py) and every worker holds off;
                 this call waits Retry-After or, when there is none, QuickBooks' window
                 (60 s), doubling on each further 429 of the same call (at most two waits'
                 worth: then the run's attempt ends and the engine backs off further)
  5xx, no answer try again after a short backoff; creates carry a requestid, so a
                 repeat after a lost answer replays the first result instead of duplicating
  401           one refreshed credential, then one more try
When the tries run out the run fails with a retryable error (the engine re-queues it,
honouring Retry-After); a Fault (400, 403, 404…) fails it with QuickBooksFault.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import httpx
from pydantic import ValidationError

from python_workers.providers.contract import Credential, CredentialAccessor
from python_workers.providers.errors import ProviderError, ProviderUnavailable, RateLimited
from python_workers.providers.quickbooks.models import Entity, Fault
from python_workers.providers.quickbooks.settings import MINOR_VERSION, QuickBooksSettings
from python_workers.providers.url_paths import path_segment

PAGE_SIZE = 1000  # the most one query answers
BATCH_MAX_ITEMS = 30


class Limiter(Protocol):
    """The realm's shared budget (budget.RealmBudget, or any RateBudget through BudgetLimiter)."""

    def request(self) -> AbstractAsyncContextManager[None]: ...

    def batch(self) -> AbstractAsyncContextManager[None]: ...

    async def throttled(self, pause_seconds: float) -> None: ...


class QuickBooksFault(ProviderError):
    """QuickBooks refused the request (an Intuit Fault). `code` is qbo_<Intuit code>."""

    def __init__(self, status: int, fault: Fault) -> None:
        first = fault.Error[0] if fault.Error else None
        self.intuit_code = first.code if first else str(status)
        self.detail = first.Detail if first else ""
        self.status = status
        message = f"QuickBooks refused the request ({self.intuit_code})"
        if first:
            message += f": {first.Message}" + (f" — {first.Detail}" if first.Detail else "")
        details = {"status": status, "element": first.element} if first else {"status": status}
        super().__init__(f"qbo_{self.intuit_code}", message, details)


@dataclass(frozen=True)
class BatchItem:
    """One operation of a batch request: `bid` names it in the answer."""

    bid: str
    entity: str
    operation: str  # create | update
    payload: dict[str, Any]


@dataclass(frozen=True)
class BatchResult:
    bid: str
    entity: dict[str, Any] | None
    fault: QuickBooksFault | None


class QuickBooksApi:
    def __init__(
        self,
        http: httpx.AsyncClient,
        base_url: str,
        realm_id: str,
        credentials: CredentialAccessor,
        limiter: Limiter,
        settings: QuickBooksSettings,
    ) -> None:
        self._http = http
        self._root = f"{base_url.rstrip('/')}/v3/company/{path_segment('qbo_realm_id', realm_id)}"
        self._credentials = credentials
        self._credential: Credential | None = None
        self._limiter = limiter
        self._settings = settings
        self.retries = 0  # tries beyond the first, over this client's life (for the log)

    async def read(self, entity: str, entity_id: str) -> dict[str, Any]:
        body = await self._call(
            "GET", f"/{entity.lower()}/{path_segment('qbo_entity_id', entity_id)}"
        )
        found: dict[str, Any] = body[entity]
        return found

    async def query(self, entity: str, where: str = "") -> list[dict[str, Any]]:
        """Every row of `select * from <entity> [where …]`, a page of 1000 at a time."""
        rows: list[dict[str, Any]] = []
        while True:
            text = (
                f"select * from {entity} {where} "
                f"startposition {len(rows) + 1} maxresults {PAGE_SIZE}"
            )
            body = await self._call("GET", "/query", params={"query": text})
            page: list[dict[str, Any]] = body.get("QueryResponse", {}).get(entity, [])
            rows += page
            if len(page) < PAGE_SIZE:
                return rows

    async def create(self, entity: str, payload: dict[str, Any], request_id: str) -> Entity:
        body = await self._call(
            "POST", f"/{entity.lower()}", params={"requestid": request_id}, json=payload
        )
        return _entity(body[entity])

    async def update(self, entity: str, payload: dict[str, Any]) -> Entity:
        """A sparse update: `payload` holds Id, SyncToken and the fields to set."""
        body = await self._call(
            "POST", f"/{entity.lower()}", params={"operation": "update"},
            json={**payload, "sparse": True},
        )  # fmt: skip
        return _entity(body[entity])

    async def batch(self, items: Sequence[BatchItem], request_id: str) -> list[BatchResult]:
        if not 0 < len(items) <= BATCH_MAX_ITEMS:
            raise ValueError(f"a batch holds 1 to {BATCH_MAX_ITEMS} items, not {len(items)}")
        body = await self._call(
            "POST",
            "/batch",
            params={"requestid": request_id},
            json={
                "BatchItemRequest": [
                    {"bId": i.bid, "operation": i.operation, i.entity: i.payload} for i in items
                ]
            },
            batch=True,
        )
        answers = {str(a.get("bId")): a for a in body.get("BatchItemResponse", [])}
        results = []
        for item in items:
            answer = answers.get(item.bid, {})
            if "Fault" in answer:
                fault = QuickBooksFault(400, Fault.model_validate(answer["Fault"]))
                results.append(BatchResult(item.bid, None, fault))
            elif item.entity in answer:
                results.append(BatchResult(item.bid, answer[item.entity], None))
            else:
                missing = Fault.model_validate(
                    {"Error": [{"code": "batch_item_missing", "Message": "no answer for item"}]}
                )
                results.append(BatchResult(item.bid, None, QuickBooksFault(500, missing)))
        return results

    async def changes(self, entities: Sequence[str], since: datetime) -> dict[str, list[Any]]:
        """CDC: what changed in `entities` since `since` (at most 30 days ago)."""
        body = await self._call(
            "GET", "/cdc",
            params={"entities": ",".join(entities), "changedSince": since.isoformat()},
        )  # fmt: skip
        changed: dict[str, list[Any]] = {name: [] for name in entities}
        for response in body.get("CDCResponse", []):
            for answer in response.get("QueryResponse", []):
                for name in entities:
                    changed[name] += answer.get(name, [])
        return changed

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: Any = None,
        batch: bool = False,
    ) -> dict[str, Any]:
        params = {**(params or {}), "minorversion": str(MINOR_VERSION)}
        refreshed = False
        attempts = self._settings.attempts_per_request
        for attempt in range(1, attempts + 1):
            credential = await self._current_credential()
            headers = {
                "Accept": "application/json",
                "Authorization": f"Bearer {credential.access_token}",
            }
            try:
                async with self._limiter.batch() if batch else self._limiter.request():
                    response = await self._http.request(
                        method, self._root + path, params=params, json=json, headers=headers
                    )
            except httpx.TransportError as error:
                if attempt == attempts:
                    raise ProviderUnavailable("QuickBooks", None) from error
                await self._pause(attempt, None)
                continue
            if response.status_code == 401 and not refreshed:
                refreshed = True
                self._credential = await self._credentials.refreshed(credential)
                continue
            if response.status_code == 429:
                wait = _retry_after(response.headers.get("retry-after"))
                pause = self._settings.window_seconds if wait is None else wait
                await self._limiter.throttled(pause)
                if attempt == attempts:
                    raise RateLimited(pause, "QuickBooks")
                await self._throttle_wait(attempt, pause)
                continue
            if response.status_code >= 500:
                if attempt == attempts:
                    raise ProviderUnavailable("QuickBooks", response.status_code)
                await self._pause(attempt, _retry_after(response.headers.get("retry-after")))
                continue
            return _body(response)
        raise AssertionError("unreachable")  # the loop returns or raises

    async def _current_credential(self) -> Credential:
        if self._credential is None:
            self._credential = await self._credentials.get()
        if not self._credential.access_token:
            raise ProviderError("credential_missing", "QuickBooks is not connected")
        return self._credential

    async def _throttle_wait(self, attempt: int, pause: float) -> None:
        """After the `attempt`th 429 of one call: the pause, doubled per further 429 (at
        most twice it), plus up to a tenth so waiting workers do not all come back at once."""
        self.retries += 1
        await asyncio.sleep(pause * min(2.0, 2.0 ** (attempt - 1)) * random.uniform(1.0, 1.1))

    async def _pause(self, attempt: int, retry_after: float | None) -> None:
        self.retries += 1
        backoff = min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.0)
        await asyncio.sleep(max(backoff, retry_after or 0.0))


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        body = {}
    if response.status_code >= 400 or "Fault" in body:
        try:
            fault = Fault.model_validate(body.get("Fault", {}))
        except ValidationError:
            fault = Fault()
        raise QuickBooksFault(response.status_code, fault)
    return body


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (Intuit sends delta-seconds)."""
    return float(value) if value and value.strip().isdigit() else None


def _entity(raw: Any) -> Entity:
    return Entity.model_validate(raw)
