"""The refresh lease of a credential (private.credential_refresh_leases): who refreshes
it, until when. Taken and given back in the caller's short transaction (service_role)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg


async def take_lease(
    conn: psycopg.AsyncConnection[Any], credential_id: UUID, holder: UUID, seconds: float
) -> bool:
    """True when `holder` holds the lease now (it was free, or its holder let it expire)."""
    cursor = await conn.execute(
        "select private.take_credential_refresh_lease(%s, %s, %s)",
        (credential_id, holder, seconds),
    )
    row = await cursor.fetchone()
    return bool(row and row[0])


async def give_back_lease(
    conn: psycopg.AsyncConnection[Any], credential_id: UUID, holder: UUID
) -> bool:
    """True when `holder` still held the lease (now freed, its row locked until the
    transaction ends); False when another took it over."""
    cursor = await conn.execute(
        "select private.give_back_credential_refresh_lease(%s, %s)", (credential_id, holder)
    )
    row = await cursor.fetchone()
    return bool(row and row[0])


async def lease_state(
    conn: psycopg.AsyncConnection[Any], credential_id: UUID
) -> tuple[UUID, bool] | None:
    """The lease's holder and whether it is live (not expired); None when no one holds it."""
    cursor = await conn.execute(
        "select holder, expires_at > now() from private.credential_refresh_leases"
        " where credential_id = %s",
        (credential_id,),
    )
    row = await cursor.fetchone()
    return (row[0], bool(row[1])) if row else None
