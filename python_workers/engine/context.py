"""The rate budget of providers that declare none in python_workers/providers/budgets.py.

UnmeteredBudget grants every request at once: it meters nothing and says so. (Credentials
come from python_workers/credentials: credential_accessor, with single-flight refresh.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager


class UnmeteredBudget:
    def acquire(self, cost: int = 1) -> AbstractAsyncContextManager[None]:
        return _granted()


@asynccontextmanager
async def _granted() -> AsyncIterator[None]:
    yield
