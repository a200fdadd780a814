"""A request budget shared by every worker on every machine (private.rate_budgets and
private.rate_budget_slots in supabase/schemas/core/tables/): take a slot before a request,
give it back after.

    budget = PostgresRateBudget(pool, "companies_house")
    async with budget.acquire():
        response = await http.get(...)

Taking and giving back are each one short autocommitted statement on a pooled
connection, never inside the action's own transaction, so a slot is visible to every
other worker at once. A budget for one account of many (e.g. "quickbooks:<realm id>") is
created with `define` before its first use. A budget every project shares gives each
project at most its share of a window (private.rate_budgets.project_share): pass the
project the requests are for.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from python_workers.engine.metrics import budget_waited

# Longer than any request may take (the HTTP timeout): a slot whose worker died is free
# again after this plus the window.
DEFAULT_LEASE = timedelta(minutes=2)


class PostgresRateBudget:
    """The RateBudget of python_workers.providers.contract, kept in PostgreSQL."""

    def __init__(
        self,
        pool: AsyncConnectionPool[Any],
        key: str,
        *,
        project_id: UUID | None = None,
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self.pool = pool
        self.key = key
        self.project_id = project_id
        self.lease = lease

    async def define(self, capacity: int, window: timedelta) -> None:
        async with self.pool.connection() as conn:
            await conn.execute(
                "select private.rate_budget_define(%s, %s, %s)", (self.key, capacity, window)
            )

    @asynccontextmanager
    async def acquire(self, cost: int = 1) -> AsyncIterator[None]:
        started = time.monotonic()
        slots = await self._take(cost)
        budget_waited(self.key, time.monotonic() - started)
        try:
            yield
        finally:
            await self._give_back(slots)

    async def _take(self, cost: int) -> list[int]:
        while True:
            async with self.pool.connection() as conn:
                cursor = await conn.execute(
                    "select slots, wait_seconds from private.rate_budget_take(%s, %s, %s, %s)",
                    (self.key, cost, self.lease, self.project_id),
                )
                row = await cursor.fetchone()
            assert row is not None
            slots, wait_seconds = row
            if slots:
                return list(slots)
            await asyncio.sleep(wait_seconds)

    async def _give_back(self, slots: list[int]) -> None:
        async with self.pool.connection() as conn:
            await conn.execute("select private.rate_budget_give_back(%s, %s)", (self.key, slots))
