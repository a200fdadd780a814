"""The per-realm budget every worker on every machine shares, kept in PostgreSQL
(python_workers/rate_budget.py's slots;
supabase/schemas/core/functions/private.rate_budget_take_all.sql).

Intuit's published limits per realm: 500 requests a minute, 10 at once, and 40 a minute
on the batch endpoint (a batch counts once against the 500 as well). A request holds a
slot of each limit that applies to it while in flight, all taken in one statement, and a
window-limited slot is free again one window after its answer arrived — so no window of
QuickBooks' clock sees more than the limit, however many workers there are.

A realm may allow less than the published limit. Its 429 teaches the budget
(supabase/schemas/core/functions/private.rate_budget_throttled.sql): the realm's
requests budget shrinks to what the realm let through in the last window (never below
min_requests_per_minute) and every worker holds off for the realm's pause; the learned
limit grows back by a tenth per window without a 429.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import timedelta
from typing import Any

from psycopg_pool import AsyncConnectionPool

from python_workers.engine.metrics import budget_waited
from python_workers.providers.contract import ProjectIntegration, RateBudget
from python_workers.providers.quickbooks.settings import QuickBooksSettings, quickbooks_settings

# How soon a waiter asks again while every slot it needs is in flight (their answers
# usually come back in milliseconds); a wait for the next window is slept through.
POLL_SECONDS = 0.02


class RealmBudget:
    """QuickBooks' limits for one realm: keys quickbooks[_concurrent|_batch]:<realm>."""

    def __init__(self, pool: AsyncConnectionPool[Any], realm_id: str, settings: QuickBooksSettings):
        self._pool = pool
        self._settings = settings
        self._lease = timedelta(seconds=settings.lease_seconds)
        self.requests_key = f"quickbooks:{realm_id}"
        self.concurrent_key = f"quickbooks_concurrent:{realm_id}"
        self.batch_key = f"quickbooks_batch:{realm_id}"
        self._defined = False

    def request(self) -> AbstractAsyncContextManager[None]:
        return self._hold((self.requests_key, self.concurrent_key))

    def batch(self) -> AbstractAsyncContextManager[None]:
        return self._hold((self.requests_key, self.concurrent_key, self.batch_key))

    def acquire(self, cost: int = 1) -> AbstractAsyncContextManager[None]:
        """The contract's RateBudget: one plain request (cost is always one slot here)."""
        return self.request()

    async def throttled(self, pause_seconds: float) -> None:
        """QuickBooks answered 429: learn the realm's limit and hold every slot for the
        pause (at most a window: takers sleep through waits up to a window, and the call
        that was refused waits the whole pause itself)."""
        if not self._defined:
            await self.define()
        async with self._pool.connection() as conn:
            await conn.execute(
                "select private.rate_budget_throttled(%s, %s, %s)",
                (
                    self.requests_key,
                    timedelta(seconds=min(pause_seconds, self._settings.window_seconds)),
                    self._settings.min_requests_per_minute,
                ),
            )

    async def define(self) -> None:
        window = timedelta(seconds=self._settings.window_seconds)
        limits = (
            (self.requests_key, self._settings.requests_per_minute, window),
            (self.concurrent_key, self._settings.max_concurrent, timedelta(0)),
            (self.batch_key, self._settings.batch_requests_per_minute, window),
        )
        async with self._pool.connection() as conn:
            for key, capacity, length in limits:
                await conn.execute(
                    "select private.rate_budget_define(%s, %s, %s)", (key, capacity, length)
                )
        self._defined = True

    @asynccontextmanager
    async def _hold(self, keys: tuple[str, ...]) -> AsyncIterator[None]:
        if not self._defined:
            await self.define()
        started = time.monotonic()
        slots = await self._take(list(keys))
        budget_waited(keys[0], time.monotonic() - started)
        try:
            yield
        finally:
            async with self._pool.connection() as conn:
                await conn.execute(
                    "select private.rate_budget_give_back_all(%s, %s)", (list(keys), slots)
                )

    async def _take(self, keys: list[str]) -> list[int]:
        while True:
            async with self._pool.connection() as conn:
                cursor = await conn.execute(
                    "select slots, wait_seconds from private.rate_budget_take_all(%s, %s, %s)",
                    (keys, self._lease, POLL_SECONDS),
                )
                row = await cursor.fetchone()
            assert row is not None
            if row[0]:
                return list(row[0])
            await asyncio.sleep(row[1] + random.uniform(0, 0.01))


class BudgetLimiter:
    """Any contract RateBudget as a QuickBooks limiter (batch requests cost one slot)."""

    def __init__(self, budget: RateBudget) -> None:
        self._budget = budget

    def request(self) -> AbstractAsyncContextManager[None]:
        return self._budget.acquire()

    def batch(self) -> AbstractAsyncContextManager[None]:
        return self._budget.acquire()

    async def throttled(self, pause_seconds: float) -> None:
        """A plain RateBudget learns nothing (the client waits the pause out itself)."""


_REALM_BUDGETS: dict[tuple[int, str], RealmBudget] = {}


def realm_budget(pool: AsyncConnectionPool[Any], integration: ProjectIntegration) -> RealmBudget:
    """The budget of the integration's realm, one per pool and realm in a process (its
    slots are defined in the database on first use)."""
    realm = integration.external_account_id or "unconnected"
    key = (id(pool), realm)
    if key not in _REALM_BUDGETS:
        _REALM_BUDGETS[key] = RealmBudget(pool, realm, quickbooks_settings())
    return _REALM_BUDGETS[key]
