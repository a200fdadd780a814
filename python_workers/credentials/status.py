"""Connection status of a project integration and the sync log of each connection event,
through the private.record_* / private.log_connection_event functions (service_role).
Messages here are for people; none may carry a secret.

It sits in credentials/ because a token refresh records what it learns here (Expired when
the grant is refused, Error after repeated failures, Connected again); python_workers/
connections records connects, disconnects and tests through the same functions, so the
dependency runs one way only."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

ProblemStatus = Literal["Error", "Expired", "Pending"]


async def record_connection(
    conn: psycopg.AsyncConnection[Any],
    project_integration_id: UUID,
    external_account_id: str | None,
    connection_expires_at: datetime | None,
) -> None:
    await conn.execute(
        "select private.record_connection(%s, %s, %s)",
        (project_integration_id, external_account_id, connection_expires_at),
    )


async def record_connection_ok(
    conn: psycopg.AsyncConnection[Any],
    project_integration_id: UUID,
    connection_expires_at: datetime | None = None,
) -> None:
    await conn.execute(
        "select private.record_connection_ok(%s, %s)",
        (project_integration_id, connection_expires_at),
    )


async def record_connection_problem(
    conn: psycopg.AsyncConnection[Any],
    project_integration_id: UUID,
    status: ProblemStatus | None,
    code: str,
    message: str,
) -> None:
    """Keeps the error for people to read; moves to `status` unless it is None."""
    await conn.execute(
        "select private.record_connection_problem(%s, %s, %s, %s)",
        (project_integration_id, status, code, message),
    )


async def record_disconnection(
    conn: psycopg.AsyncConnection[Any], project_integration_id: UUID
) -> None:
    await conn.execute("select private.record_disconnection(%s)", (project_integration_id,))


async def log_connection_event(
    conn: psycopg.AsyncConnection[Any],
    project_integration_id: UUID,
    action: str,
    *,
    error: tuple[str, str] | None = None,
    details: dict[str, Any] | None = None,
    requested_by: UUID | None = None,
) -> UUID:
    """A finished sync log: success, or failed with error (code, message)."""
    code, message = error if error else (None, None)
    cursor = await conn.execute(
        "select private.log_connection_event(%s, %s, %s, %s, %s, %s, %s)",
        (
            project_integration_id,
            action,
            "failed" if error else "success",
            code,
            message,
            Jsonb(details or {}),
            requested_by,
        ),
    )
    row = await cursor.fetchone()
    assert row is not None
    log_id: UUID = row[0]
    return log_id
