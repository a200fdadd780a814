"""The refresh lease of a credential (private.credential_refresh_leases): who refreshes
it, until when. Taken and given back in the caller's short transaction (service_role)."""

from __future__ import annotations

from dataclasses import dataclass
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


LEASE_OF_SQL = """
select c.id, l.holder, l.expires_at > now()
from public.integration_credentials as c
join public.integration_providers as p on p.id = c.provider_id
left join private.credential_refresh_leases as l on l.credential_id = c.id
where p.key = %s and c.project_integration_id = %s
"""


@dataclass(frozen=True)
class LeaseOf:
    """A credential's id and its refresh lease: holder (None: no lease) and whether live."""

    credential_id: UUID
    holder: UUID | None
    live: bool


async def lease_of(
    conn: psycopg.AsyncConnection[Any], provider_key: str, project_integration_id: UUID
) -> LeaseOf | None:
    """The credential's lease in one statement; None when there is no credential."""
    cursor = await conn.execute(LEASE_OF_SQL, (provider_key, project_integration_id))
    row = await cursor.fetchone()
    return LeaseOf(row[0], row[1], bool(row[2])) if row else None
