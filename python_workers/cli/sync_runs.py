"""Following sync runs from the command line: a run and the batch runs it planned
(details.log_ids), until every one is final; what they did, summed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

FINAL = ("success", "partial_success", "failed")
LOGS_SQL = """
select id, status::text, action, records_processed, records_created, records_updated,
       records_linked, records_skipped, records_failed, error_code, error_message, details
from public.integration_sync_logs where id = any(%s)
"""


@dataclass
class Progress:
    """Where the followed runs are: records planned and done, and the final runs' logs."""

    total: int = 0
    done: int = 0
    finished: list[dict[str, Any]] = field(default_factory=list)
    waiting: int = 0

    @property
    def complete(self) -> bool:
        return self.waiting == 0


async def progress(conn: psycopg.AsyncConnection[Any], roots: list[UUID]) -> Progress:
    """Reads the runs `roots` and, once a root is final, the runs it planned."""
    state = Progress()
    pending = list(roots)
    while pending:
        async with conn.cursor(row_factory=dict_row) as cursor:
            await cursor.execute(LOGS_SQL, (pending,))
            rows = await cursor.fetchall()
        pending = []
        for row in rows:
            planned = row["details"].get("log_ids") if row["status"] in FINAL else None
            if planned and row["action"] == "sync_transaction":
                pending += [UUID(str(i)) for i in planned]
                continue
            entity_ids = row["details"].get("params", {}).get("entity_ids")
            size = len(entity_ids) if entity_ids else max(1, row["records_processed"])
            state.total += size
            if row["status"] in FINAL:
                state.done += size
                state.finished.append(row)
            else:
                state.waiting += 1
    return state
