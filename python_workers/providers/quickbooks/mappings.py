"""Plugboard's record of what is in QuickBooks: entity mappings, with the SyncToken and the
hash of what was sent. (Each create's requestid: request_ids.py; record locks: locks.py;
the client-action validation re-run before every push is the engine's:
engine/validation.py.)

Transactions are mapped as "<Entity>:<Id>" (Purchase:17, Bill:4, Invoice:9): QuickBooks
numbers each transaction type on its own, and one mapping entity type ("transaction")
holds all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from psycopg.rows import class_row

from python_workers.engine.sql_session import SqlSession

SAVE_SQL = """
insert into public.integration_entity_mappings as m (
    project_integration_id, entity_type, internal_id, external_id, external_version,
    sync_hash, last_synced_at, created_via
) values (%s, %s, %s, %s, %s, %s, now(), %s)
on conflict (project_integration_id, entity_type, internal_id) do update
set external_id = excluded.external_id, external_version = excluded.external_version,
    sync_hash = excluded.sync_hash, last_synced_at = now(), is_stale = false, stale_reason = null
"""


def transaction_ref(entity: str, entity_id: str) -> str:
    return f"{entity}:{entity_id}"


def split_transaction_ref(value: str) -> tuple[str, str]:
    entity, _, entity_id = value.partition(":")
    return entity, entity_id


@dataclass(frozen=True)
class Mapping:
    internal_id: str
    external_id: str
    external_version: str | None
    sync_hash: str | None


async def get(db: SqlSession, integration_id: UUID, kind: str, internal_id: str) -> Mapping | None:
    async with db.cursor(row_factory=class_row(Mapping)) as cursor:
        await cursor.execute(
            "select internal_id, external_id, external_version, sync_hash"
            " from public.integration_entity_mappings"
            " where project_integration_id = %s and entity_type = %s and internal_id = %s",
            (integration_id, kind, internal_id),
        )
        return await cursor.fetchone()


async def owner(db: SqlSession, integration_id: UUID, kind: str, external_id: str) -> str | None:
    """The record mapped to QuickBooks' `external_id`, if any."""
    cursor = await db.execute(
        "select internal_id from public.integration_entity_mappings"
        " where project_integration_id = %s and entity_type = %s and external_id = %s",
        (integration_id, kind, external_id),
    )
    row = await cursor.fetchone()
    return None if row is None else str(row[0])


async def save(
    db: SqlSession, integration_id: UUID, kind: str, internal_id: str,
    external_id: str, version: str, sync_hash: str, via: str = "sync",
) -> None:  # fmt: skip
    """The record's mapping; `via` ('sync' or 'match') only when it is first written."""
    await db.execute(
        SAVE_SQL, (integration_id, kind, internal_id, external_id, version, sync_hash, via)
    )


async def save_many(
    db: SqlSession, integration_id: UUID, kind: str,
    saved: list[tuple[str, str, str, str]],
) -> None:  # fmt: skip
    """save() for many (internal id, external id, version, hash), pipelined."""
    async with db.cursor() as cursor:
        await cursor.executemany(SAVE_SQL, [(integration_id, kind, *row, "sync") for row in saved])


async def set_stale(
    db: SqlSession, integration_id: UUID, kind: str, internal_id: str,
    reason: str | None,
) -> None:  # fmt: skip
    await db.execute(
        "update public.integration_entity_mappings set is_stale = %s, stale_reason = %s"
        " where project_integration_id = %s and entity_type = %s and internal_id = %s",
        (reason is not None, reason, integration_id, kind, internal_id),
    )


async def in_pending_chunk(
    db: SqlSession, project_id: UUID, integration_id: UUID, internal_id: str
) -> bool:
    """A batch run that has not finished holds this record: it will push it. (The
    project's unfinished logs, found through its status index.)"""
    cursor = await db.execute(
        "select exists (select from public.integration_sync_logs as l"
        " where l.project_id = %s and l.status in ('pending', 'in_progress')"
        " and l.project_integration_id = %s and l.action = 'sync_transaction'"
        " and l.entity_id like 'batch:%%'"
        " and l.details -> 'params' -> 'entity_ids' ? %s)",
        (project_id, integration_id, internal_id),
    )
    row = await cursor.fetchone()
    return bool(row and row[0])
