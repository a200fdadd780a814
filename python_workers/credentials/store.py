"""Credentials in PostgreSQL: the facts in integration_credentials, the secret in Vault,
both reached only through the private.* credential functions, in a transaction that runs
`set local role service_role` (the one role that may)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from pydantic import ValidationError

from python_workers.credentials.secret import StoredSecret

LOAD_SQL = """
select c.id, c.project_integration_id, pi.status::text, c.token_expires_at,
       c.refresh_token_expires_at, c.external_account_id, c.refresh_failure_count,
       private.credential_secret(c.id), c.scopes
from public.integration_credentials as c
join public.integration_providers as p on p.id = c.provider_id
left join public.project_integrations as pi on pi.id = c.project_integration_id
where p.key = %(provider_key)s
  and c.project_integration_id is not distinct from %(project_integration_id)s
"""
LOCK_SQL = """
select c.id
from public.integration_credentials as c
join public.integration_providers as p on p.id = c.provider_id
where p.key = %(provider_key)s
  and c.project_integration_id is not distinct from %(project_integration_id)s
for update of c
"""


@asynccontextmanager
async def service_role(conn: psycopg.AsyncConnection[Any]) -> AsyncIterator[None]:
    """A transaction acting as service_role; commits when the block ends without error."""
    async with conn.transaction():
        await conn.execute("set local role service_role")
        yield


@dataclass(frozen=True)
class StoredCredential:
    id: UUID
    project_integration_id: UUID | None
    integration_status: str | None  # None for a global credential
    token_expires_at: datetime | None
    refresh_token_expires_at: datetime | None
    external_account_id: str | None
    refresh_failure_count: int
    secret: StoredSecret
    scopes: tuple[str, ...] = ()  # as granted (the token response's scope); () not known

    def __repr__(self) -> str:
        return f"StoredCredential({self.id}, <secret redacted>)"


class UnreadableSecret(RuntimeError):
    """The Vault secret is not the JSON object Plugboard writes (its content not quoted)."""


async def load_credential(
    conn: psycopg.AsyncConnection[Any],
    provider_key: str,
    project_integration_id: UUID | None,
    *,
    lock: bool = False,
) -> StoredCredential | None:
    """The credential of a project integration (or the provider's global one when
    project_integration_id is None). lock: hold its row until the transaction ends, so
    one refresh at a time happens across every process and machine."""
    params = {"provider_key": provider_key, "project_integration_id": project_integration_id}
    if lock:
        # Lock first, read after, in two statements: a statement that waited for the lock
        # would see the other tables (the status, the Vault secret) as they were when it
        # started, not as the lock holder left them.
        await conn.execute(LOCK_SQL, params)
    cursor = await conn.execute(LOAD_SQL, params)
    row = await cursor.fetchone()
    if row is None:
        return None
    try:
        secret = StoredSecret.model_validate(row[7])
    except ValidationError:  # its message would quote the secret
        raise UnreadableSecret(f"credential {row[0]}: the Vault secret is not readable") from None
    return StoredCredential(
        id=row[0],
        project_integration_id=row[1],
        integration_status=row[2],
        token_expires_at=row[3],
        refresh_token_expires_at=row[4],
        external_account_id=row[5],
        refresh_failure_count=row[6],
        secret=secret,
        scopes=tuple(row[8] or ()),
    )


async def save_credential(
    conn: psycopg.AsyncConnection[Any],
    provider_key: str,
    project_integration_id: UUID | None,
    secret: StoredSecret,
    *,
    token_expires_at: datetime | None = None,
    refresh_token_expires_at: datetime | None = None,
    scopes: list[str] | None = None,
    external_account_id: str | None = None,
) -> UUID:
    """Creates or replaces the credential (a None fact keeps the stored one)."""
    cursor = await conn.execute(
        "select private.save_credential(%s, %s, %s::jsonb, %s, %s, %s, %s)",
        (
            provider_key,
            project_integration_id,
            secret.to_json(),
            token_expires_at,
            refresh_token_expires_at,
            scopes,
            external_account_id,
        ),
    )
    row = await cursor.fetchone()
    assert row is not None
    credential_id: UUID = row[0]
    return credential_id


async def delete_credential(conn: psycopg.AsyncConnection[Any], credential_id: UUID) -> bool:
    """Deletes the credential and its Vault secret."""
    cursor = await conn.execute("select private.delete_credential(%s)", (credential_id,))
    row = await cursor.fetchone()
    return bool(row and row[0])
