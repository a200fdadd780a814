"""The requestid QuickBooks deduplicates a create by (its `requestid` query parameter):
derived from the record and how often QuickBooks refused it, so a retry after a lost
answer replays the first result and a fixed record is a new request."""

from __future__ import annotations

import hashlib
from uuid import UUID

from python_workers.engine.sql_session import SqlSession

REQUEST_ID_PREFIX = "pb"


async def request_id(
    db: SqlSession, project_id: UUID, integration_id: UUID, kind: str,
    internal_id: str,
) -> str:  # fmt: skip
    """The requestid of creating this record: the same on every try, so a repeat after a
    lost answer replays the first result. It changes only after QuickBooks refused a run's
    create outright (a Fault recorded on a failed log, or a duplicate name that could not
    be linked: duplicates.py): the fixed record is a new request."""
    cursor = await db.execute(
        "select count(*) from public.integration_sync_logs as l"
        " where l.project_id = %s and l.entity_type = %s and l.entity_id = %s"
        " and l.status = 'failed'"
        " and l.error_code ~ '^qbo_([0-9]+|duplicate_name_conflict)$'",
        (project_id, kind, internal_id),
    )
    row = await cursor.fetchone()
    generation = row[0] if row else 0
    seed = f"{integration_id}|{kind}|{internal_id}|{generation}"
    return REQUEST_ID_PREFIX + hashlib.sha256(seed.encode()).hexdigest()[:40]


def batch_request_id(chunk: UUID) -> str:
    """A batch's requestid (at most 36 characters there): its chunk's id."""
    return REQUEST_ID_PREFIX + chunk.hex
