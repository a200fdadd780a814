"""VaultCredentialAccessor: the CredentialAccessor (providers/contract.py) every server
action gets, reading the credential from Vault as service_role and refreshing OAuth
tokens before they expire and after a 401 (single-flight: credentials/refresh.py).

It uses its own pooled connections, never the action's: a refresh commits (the rotated
refresh token stored) whatever becomes of the action's transaction.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.config import Settings
from python_workers.credentials.errors import (
    CredentialMissing,
    CredentialRejected,
    ReconnectRequired,
)
from python_workers.credentials.oauth_providers import (
    OAuthProvider,
    connects_with_oauth,
    oauth_provider,
)
from python_workers.credentials.refresh import needs_refresh, refresh_credential
from python_workers.credentials.store import StoredCredential, load_credential, service_role
from python_workers.providers.contract import Credential


class VaultCredentialAccessor:
    """The credential of one project integration (per_project providers) or of a
    provider (global ones: project_integration_id None)."""

    def __init__(
        self,
        pool: AsyncConnectionPool[Any],
        provider_key: str,
        project_integration_id: UUID | None,
        *,
        oauth: OAuthProvider | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if oauth is not None and project_integration_id is None:
            raise ValueError("OAuth credentials belong to one project integration")
        self._pool = pool
        self._provider_key = provider_key
        self._project_integration_id = project_integration_id
        self._oauth = oauth
        self._transport = transport
        self._name = oauth.name if oauth else provider_key.replace("_", " ").title()
        self._handed_out = False

    @property
    def own_credential_used(self) -> bool:
        """Whether the project integration's own credential (not a global one) was handed
        to the action: an action that then succeeds has proven the connection works."""
        return self._handed_out and self._project_integration_id is not None

    def __repr__(self) -> str:
        return f"VaultCredentialAccessor({self._provider_key!r}, {self._project_integration_id})"

    async def get(self) -> Credential:
        async with self._pool.connection() as conn, service_role(conn):
            stored = await load_credential(conn, self._provider_key, self._project_integration_id)
        if stored is None:
            raise CredentialMissing(self._name)
        if self._oauth is not None:
            if stored.integration_status == "Expired":
                raise ReconnectRequired(self._name)  # no token call until a reconnect
            if needs_refresh(stored):
                stored = await self._refresh(None)
        self._handed_out = True
        return stored.secret.credential(stored.external_account_id, stored.scopes)

    async def refreshed(self, rejected: Credential) -> Credential:
        if self._oauth is None or rejected.access_token is None:
            raise CredentialRejected(self._name)  # an API key cannot be refreshed
        stored = await self._refresh(rejected.access_token)
        return stored.secret.credential(stored.external_account_id, stored.scopes)

    async def _refresh(self, rejected_access_token: str | None) -> StoredCredential:
        assert self._oauth is not None and self._project_integration_id is not None
        return await refresh_credential(
            self._pool,
            self._oauth,
            self._project_integration_id,
            rejected_access_token,
            self._transport,
        )


def credential_accessor(
    pool: AsyncConnectionPool[Any],
    provider_key: str,
    project_integration_id: UUID | None,
    settings: Settings,
    transport: httpx.AsyncBaseTransport | None = None,
) -> VaultCredentialAccessor:
    """The accessor for a provider as the catalogue configures it: OAuth providers get
    token refresh; global API-key providers read their one key (project_integration_id is
    then ignored)."""
    if connects_with_oauth(provider_key):
        if project_integration_id is None:
            raise ValueError(f"{provider_key} credentials belong to a project integration")
        return VaultCredentialAccessor(
            pool,
            provider_key,
            project_integration_id,
            oauth=oauth_provider(provider_key, settings),
            transport=transport,
        )
    return VaultCredentialAccessor(pool, provider_key, None)
