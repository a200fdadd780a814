"""Record locks for the length of a run's transaction: runs pushing the same record (or the
same party) to QuickBooks take turns, so neither creates it twice."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

import psycopg


async def lock(db: psycopg.AsyncConnection[Any], keys: Iterable[str]) -> None:
    """Transaction-scoped locks on records: runs pushing the same record take turns.
    Callers lock records before parties (rank in the key), each group sorted."""
    await db.execute(
        "select pg_advisory_xact_lock(hashtextextended(k, 0))"
        " from unnest(%s::text[]) as k order by k",
        (sorted(set(keys)),),
    )


def lock_key(integration_id: UUID, rank: int, kind: str, internal_id: str) -> str:
    return f"{integration_id}:{rank}:{kind}:{internal_id}"
