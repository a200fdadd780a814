"""What actions and their helpers run SQL through: a psycopg connection (a caller that owns
its transaction: connection tests, direct calls) or a run's RunDatabase (engine/run_db.py,
short transactions on pooled connections). Both execute statements and open cursors."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypeVar, overload

from psycopg import AsyncCursor
from psycopg.abc import Params, QueryNoTemplate
from psycopg.rows import AsyncRowFactory

R = TypeVar("R")


class SqlSession(Protocol):
    async def execute(
        self,
        query: QueryNoTemplate,
        params: Params | None = None,
        *,
        prepare: bool | None = None,
        binary: bool = False,
    ) -> AsyncCursor[Any]: ...

    @overload
    def cursor(self, *, binary: bool = False) -> AbstractAsyncContextManager[AsyncCursor[Any]]: ...

    @overload
    def cursor(
        self, *, binary: bool = False, row_factory: AsyncRowFactory[R]
    ) -> AbstractAsyncContextManager[AsyncCursor[R]]: ...
