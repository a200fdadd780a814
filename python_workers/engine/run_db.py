"""A run's database: short transactions on pooled connections, none open across a provider
call or a wait (issue #22).

RunDatabase (ctx.db of a queued run) takes a connection from the action pool at its first
statement and keeps it, in one transaction, until
  commit()   the run's progress (or its final status) is written: commit, give back the
             record leases, return the connection;
  release()  the run is about to wait (a provider request, a rate budget, a token refresh,
             any other pooled connection): commit what it did so far, keep its leases,
             return the connection. The next statement takes a connection again.
release() is called from outside the action: the HTTP client's request hook
(`release_before_request`) and ActionPool.connection() find the run through a context
variable (each job is its own asyncio task). So a running job holds a connection only
while it runs SQL, and never waits for a second one while holding the first (no deadlock
however small the pool).

Record locks (`hold`): runs pushing the same record take turns. A transaction-scoped
advisory lock would end at the first release, so a run holds leases instead
(private.take_run_record_leases: all of the keys or none; the run polls until it has them),
live while its log is in_progress at its attempt and its worker beats its heartbeat (a
killed worker's records do not wait for the sweeper that retries its jobs), given back at
its next commit() as the advisory lock was. A caller that owns its transaction (a psycopg
connection) keeps pg_advisory_xact_lock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar, overload
from uuid import UUID

import httpx
import psycopg
from psycopg import AsyncCursor
from psycopg.abc import Params, QueryNoTemplate
from psycopg.pq import TransactionStatus
from psycopg.rows import AsyncRowFactory
from psycopg_pool import AsyncConnectionPool

from python_workers.engine.sql_session import SqlSession

R = TypeVar("R")
LEASE_POLL_SECONDS = (0.02, 1.0)  # first and longest wait between tries for held records

_current: ContextVar[RunDatabase | None] = ContextVar("plugboard_run_database", default=None)


class ActionPool(AsyncConnectionPool[Any]):
    """The action pool: a run's open transaction ends before any other connection is lent
    inside it (credentials, rate budgets, log transitions)."""

    @asynccontextmanager
    async def connection(
        self,
        timeout: float | None = None,  # noqa: ASYNC109 (the pool's own signature)
    ) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        await release_current()
        async with super().connection(timeout) as conn:
            yield conn


async def release_current() -> None:
    """Ends the current run's transaction, if any (see RunDatabase.release)."""
    db = _current.get()
    if db is not None:
        await db.release()


async def release_before_request(request: httpx.Request) -> None:
    """httpx request hook: no transaction stays open while a provider answers."""
    await release_current()


@dataclass(frozen=True)
class LeaseOwner:
    """Who holds a run's leases: its procrastinate worker (None: none recorded), whose
    leases are free once it has been silent for `stalled_after_seconds`."""

    worker_id: int | None
    stalled_after_seconds: float


class RunDatabase:
    def __init__(
        self, pool: AsyncConnectionPool[Any], log_id: UUID, attempt: int, owner: LeaseOwner
    ) -> None:
        self._pool = pool
        self._log_id = log_id
        self._attempt = attempt
        self._owner = owner
        self._conn: psycopg.AsyncConnection[Any] | None = None
        self._leases = False

    @contextmanager
    def bound(self) -> Iterator[RunDatabase]:
        """The current asyncio task's run while the block runs (the hooks release it)."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)

    async def _connection(self) -> psycopg.AsyncConnection[Any]:
        if self._conn is None:
            conn = await self._pool.getconn()
            try:
                await conn.set_autocommit(False)
            except BaseException:
                await self._pool.putconn(conn)
                raise
            self._conn = conn
        return self._conn

    async def execute(
        self,
        query: QueryNoTemplate,
        params: Params | None = None,
        *,
        prepare: bool | None = None,
        binary: bool = False,
    ) -> AsyncCursor[Any]:
        conn = await self._connection()
        return await conn.execute(query, params, prepare=prepare, binary=binary)

    @overload
    def cursor(self, *, binary: bool = False) -> AbstractAsyncContextManager[AsyncCursor[Any]]: ...

    @overload
    def cursor(
        self, *, binary: bool = False, row_factory: AsyncRowFactory[R]
    ) -> AbstractAsyncContextManager[AsyncCursor[R]]: ...

    def cursor(
        self, *, binary: bool = False, row_factory: AsyncRowFactory[Any] | None = None
    ) -> AbstractAsyncContextManager[AsyncCursor[Any]]:
        return self._cursor(binary, row_factory)

    @asynccontextmanager
    async def _cursor(
        self, binary: bool, row_factory: AsyncRowFactory[Any] | None
    ) -> AsyncIterator[AsyncCursor[Any]]:
        conn = await self._connection()
        cursor = (
            conn.cursor(binary=binary)
            if row_factory is None
            else conn.cursor(binary=binary, row_factory=row_factory)
        )
        async with cursor:
            yield cursor

    async def release(self) -> None:
        """Commits what the run did so far and returns the connection; leases stay."""
        if self._conn is not None:
            await self._end(commit=True)

    async def commit(self) -> None:
        """Commits what the run did so far with its leases given back."""
        if self._leases:
            await self.execute("select private.give_back_run_record_leases(%s)", (self._log_id,))
            self._leases = False
        await self.release()

    async def commit_with(self, query: QueryNoTemplate, params: Params) -> tuple[Any, ...] | None:
        """Runs `query` as the run's last statement and commits: inside the run's open
        transaction (what it wrote since its last commit, and its leases given back, commit
        with it), or alone when none is open: one round trip on an autocommit connection.
        Returns the query's first row."""
        if self._conn is None and not self._leases:
            async with self._pool.connection() as conn:
                row: tuple[Any, ...] | None = await (await conn.execute(query, params)).fetchone()
                return row
        row = await (await self.execute(query, params)).fetchone()
        await self.commit()
        return row

    async def rollback(self) -> None:
        """Drops what was not committed (the leases stay until the log moves on)."""
        if self._conn is not None:
            await self._end(commit=False)

    async def _end(self, *, commit: bool) -> None:
        conn, self._conn = self._conn, None
        assert conn is not None
        try:
            if commit and conn.info.transaction_status == TransactionStatus.INERROR:
                # COMMIT would roll back quietly: what the run wrote must not vanish unsaid
                raise psycopg.errors.InFailedSqlTransaction(
                    "a statement of this run failed: its transaction cannot commit"
                )
            await (conn.commit() if commit else conn.rollback())
            await conn.set_autocommit(True)
        except psycopg.Error:
            await conn.close()  # the pool discards a closed connection
            if commit:
                raise
        finally:
            await self._pool.putconn(conn)

    async def hold(self, keys: Iterable[str]) -> None:
        """Leases on `keys` until the next commit(): waits (holding no transaction) while
        another run holds any of them."""
        wanted = sorted(set(keys))
        wait, longest = LEASE_POLL_SECONDS
        while True:
            cursor = await self.execute(
                "select private.take_run_record_leases(%s, %s, %s, %s, %s)",
                (
                    self._log_id,
                    self._attempt,
                    wanted,
                    self._owner.worker_id,
                    timedelta(seconds=self._owner.stalled_after_seconds),
                ),
            )
            row = await cursor.fetchone()
            if row is not None and row[0]:
                self._leases = True
                return
            await self.release()
            await asyncio.sleep(wait)
            wait = min(wait * 2, longest)


async def hold(db: SqlSession, keys: Iterable[str]) -> None:
    """Record locks: runs pushing the same record take turns (see the module's docstring).
    Callers lock records before parties (rank in the key), each group sorted."""
    if isinstance(db, RunDatabase):
        await db.hold(keys)
        return
    await db.execute(
        "select pg_advisory_xact_lock(hashtextextended(k, 0))"
        " from unnest(%s::text[]) as k order by k",
        (sorted(set(keys)),),
    )
