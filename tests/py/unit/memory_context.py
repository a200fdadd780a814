"""An ActionContext with no database and no process, for the unit tier: the logic of a
server action (payloads, paging, error mapping, retries, duplicate detection) against an
httpx.MockTransport answering as the provider would.

What this tier claims ends where the database begins: `db` is a guard that fails the test
when the code under test touches it (never a stand-in), and the end-to-end tests (real
PostgreSQL, real sandboxes, real workers) stay the proof of behaviour.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast
from uuid import uuid4

import httpx
import psycopg

from python_workers.engine.context import UnmeteredBudget, logger
from python_workers.providers.contract import ActionContext, Credential, ProjectIntegration

Handler = Callable[[httpx.Request], httpx.Response]


class HeldCredentials:
    """A CredentialAccessor over tokens held in memory: `get` gives the first, each
    `refreshed` the next (as a token refresh would), and counts the refreshes."""

    def __init__(self, *tokens: str, scopes: tuple[str, ...] = (), api_key: str | None = None):
        self._tokens = list(tokens) or ["token-1"]
        self._scopes = scopes
        self._api_key = api_key
        self.refreshes = 0

    async def get(self) -> Credential:
        return self._credential()

    async def refreshed(self, rejected: Credential) -> Credential:
        self.refreshes += 1
        return self._credential()

    def _credential(self) -> Credential:
        token = self._tokens[min(self.refreshes, len(self._tokens) - 1)]
        return Credential(access_token=token, api_key=self._api_key, scopes=self._scopes)


class NoDatabase:
    """Fails the test at the first use: a unit test's code must not need the database."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the code under test used the database (db.{name}): not a unit")


def memory_context(
    handler: Handler,
    *,
    provider_key: str = "quickbooks",
    credentials: HeldCredentials | None = None,
    external_account_id: str | None = "9130350000000000",
    settings: dict[str, Any] | None = None,
) -> ActionContext:
    """A context whose HTTP calls `handler` answers."""
    return ActionContext(
        integration=ProjectIntegration(
            id=uuid4(),
            project_id=uuid4(),
            provider_key=provider_key,
            status="Connected",
            external_account_id=external_account_id,
            settings=settings or {},
        ),
        credentials=credentials or HeldCredentials(),
        db=cast(psycopg.AsyncConnection[Any], NoDatabase()),
        http=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        log=logging.LoggerAdapter(logger, {"provider": provider_key}),
        budget=UnmeteredBudget(),
    )


class Recorder:
    """A MockTransport handler answering from a list, in order, and keeping each request."""

    def __init__(self, *answers: httpx.Response) -> None:
        self._answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self._answers:
            raise AssertionError(f"an unexpected request: {request.method} {request.url}")
        return self._answers.pop(0)
