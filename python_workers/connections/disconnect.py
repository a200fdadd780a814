"""Disconnecting a project integration: revoke the grant at the provider where it has a
revocation endpoint (QuickBooks), delete the credential and its Vault secret, status
Disconnected, a 'disconnect' sync log. Entity mappings and sync logs stay. A failed
revocation does not keep the connection: the person asked to disconnect, so it is
recorded on the sync log and the local credential is deleted anyway."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.credentials.oauth import revoke
from python_workers.credentials.oauth_providers import OAuthProvider
from python_workers.credentials.status import log_connection_event, record_disconnection
from python_workers.credentials.store import (
    delete_credential,
    load_credential,
    on_behalf_of,
    service_role,
)
from python_workers.providers.errors import ProviderError

log = logging.getLogger("plugboard.connections")


@dataclass(frozen=True)
class Disconnection:
    had_credential: bool
    revoked: bool | None  # None: nothing to revoke, or the provider cannot revoke
    revocation_error: str | None = None


async def disconnect(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    project_integration_id: UUID,
    *,
    requested_by: UUID | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Disconnection:
    # The row lock keeps a concurrent refresh from rotating the token being revoked.
    async with pool.connection() as conn, service_role(conn):
        await on_behalf_of(conn, requested_by)  # the history's "who"
        stored = await load_credential(conn, provider.key, project_integration_id, lock=True)
        result = Disconnection(stored is not None, None)
        if stored is not None and provider.revoke_url and stored.secret.refresh_token:
            try:
                await revoke(provider, stored.secret.refresh_token, transport)
                result = Disconnection(True, True)
            except ProviderError as error:
                result = Disconnection(True, False, error.message)
        if stored is not None:
            await delete_credential(conn, stored.id)
        await record_disconnection(conn, project_integration_id)
        await log_connection_event(
            conn, project_integration_id, "disconnect",
            details={"revoked": result.revoked, "revocation_error": result.revocation_error,
                     "had_credential": result.had_credential},
            requested_by=requested_by,
        )  # fmt: skip
    log.info("%s disconnected (integration %s)", provider.name, project_integration_id)
    return result
