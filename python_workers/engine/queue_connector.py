"""procrastinate's connector as Plugboard's workers use it: statements in autocommit, and a
pool that checks only connections that sat idle.

Autocommit. Each of its statements (fetch a job, acknowledge it, beat the heartbeat) is a
transaction of its own: one round trip, not three (BEGIN, the statement, COMMIT). Set by
`configure`: procrastinate opens its LISTEN connection with autocommit=True itself, and
would refuse it twice in `kwargs`.

Checks. procrastinate asks its pool to check every connection it hands out with an empty
query: a round trip before each statement. A worker's fetches run one after another, so
that round trip bounds its rate (`plugboard bench engine`). A connection in use a moment
ago is alive as far as such a check could tell; one that sat idle in the pool for a while
may have been closed meanwhile (a server restart, a pooler's or a firewall's idle
timeout) and is still checked before use. A recently used connection the server has shut
since (a restart, pg_terminate_backend: SQLSTATE class 57P) fails its statement unrun; the
pool discards it, and the statement is sent once more on another connection. Any other
connection failure (a network drop mid-statement, when the server may have run it) is
raised, as procrastinate raises it.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import procrastinate
import psycopg
from procrastinate import exceptions
from psycopg_pool import AsyncConnectionPool

from python_workers.engine.pool_budget import application_name

IDLE_BEFORE_CHECK_SECONDS = 5.0

T = TypeVar("T")

_returned_at: weakref.WeakKeyDictionary[psycopg.AsyncConnection[Any], float] = (
    weakref.WeakKeyDictionary()
)


async def _autocommit(conn: psycopg.AsyncConnection[Any]) -> None:
    await conn.set_autocommit(True)


async def _note_return(conn: psycopg.AsyncConnection[Any]) -> None:
    _returned_at[conn] = time.monotonic()


async def _check_if_idle(conn: psycopg.AsyncConnection[Any]) -> None:
    returned_at = _returned_at.get(conn)
    if returned_at is None or time.monotonic() - returned_at > IDLE_BEFORE_CHECK_SECONDS:
        await AsyncConnectionPool.check_connection(conn)


def _pool(**kwargs: Any) -> AsyncConnectionPool[Any]:
    return AsyncConnectionPool(**(kwargs | {"check": _check_if_idle, "reset": _note_return}))


def _shut_by_the_server(exc: exceptions.ConnectorException) -> bool:
    """The statement failed unrun: the server had shut its connection before it came."""
    cause = exc.__cause__
    return isinstance(cause, psycopg.OperationalError) and (cause.sqlstate or "").startswith("57P")


async def _once_more_if_shut(statement: Callable[[], Awaitable[T]]) -> T:
    try:
        return await statement()
    except exceptions.ConnectorException as exc:
        if not _shut_by_the_server(exc):
            raise
    return await statement()


class QueueConnector(procrastinate.PsycopgConnector):
    async def execute_query_async(self, query: Any, **arguments: Any) -> None:
        parent = super().execute_query_async
        await _once_more_if_shut(lambda: parent(query, **arguments))

    async def execute_query_one_async(self, query: Any, **arguments: Any) -> dict[str, Any]:
        parent = super().execute_query_one_async
        return await _once_more_if_shut(lambda: parent(query, **arguments))

    async def execute_query_all_async(self, query: Any, **arguments: Any) -> list[dict[str, Any]]:
        parent = super().execute_query_all_async
        return await _once_more_if_shut(lambda: parent(query, **arguments))


def queue_connector(url: str, max_size: int) -> QueueConnector:
    return QueueConnector(
        pool_factory=_pool,
        conninfo=url,
        kwargs={
            "options": "-c search_path=procrastinate",
            "application_name": application_name("queue"),
        },
        configure=_autocommit,
        min_size=1,
        max_size=max_size,
    )
