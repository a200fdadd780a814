"""Record locks until the run's next commit: runs pushing the same record (or the same
party) to QuickBooks take turns, so neither creates it twice (record leases:
engine/run_db.py)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from python_workers.engine.run_db import hold
from python_workers.engine.sql_session import SqlSession


async def lock(db: SqlSession, keys: Iterable[str]) -> None:
    """Locks on records until the run's next commit: runs pushing the same record take
    turns. Callers lock records before parties (rank in the key)."""
    await hold(db, keys)


def lock_key(integration_id: UUID, rank: int, kind: str, internal_id: str) -> str:
    return f"{integration_id}:{rank}:{kind}:{internal_id}"
