"""Token refresh, single-flight across every process and machine.

The refresh happens with the credential's row locked (SELECT … FOR UPDATE): whoever gets
the lock first calls the token endpoint; everyone else waits, then re-reads and finds a
token that no longer needs refreshing (or no longer is the one the provider rejected) and
uses it. The rotated refresh token is committed before any caller gets the new access
token, so no one can use a token whose successor is not stored.

Outcomes for the project integration: success → Connected (errors cleared, the grant's
expiry mirrored); invalid_grant → Expired with a message asking for a reconnect, after
which no refresh is tried again until the person reconnects (no retry storm); transient
failures are counted and the third in a row → Error with the last error.
"""

from __future__ import annotations

import hmac
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import UUID

import httpx
import psycopg
from psycopg_pool import AsyncConnectionPool

from python_workers.credentials.errors import (
    CredentialMissing,
    ReconnectRequired,
    TokenEndpointRefused,
    TokenEndpointUnavailable,
)
from python_workers.credentials.oauth import GrantRejected, IssuedTokens, refresh_tokens
from python_workers.credentials.oauth_providers import OAuthProvider
from python_workers.credentials.status import (
    log_connection_event,
    record_connection_ok,
    record_connection_problem,
)
from python_workers.credentials.store import (
    StoredCredential,
    load_credential,
    save_credential,
    service_role,
)
from python_workers.engine.metrics import token_refreshed
from python_workers.providers.errors import ProviderError

# Refresh this long before the access token expires, so no request goes out with a token
# that dies on the way.
REFRESH_MARGIN = timedelta(minutes=5)
TRANSIENT_FAILURES_BEFORE_ERROR = 3


def needs_refresh(stored: StoredCredential, now: datetime | None = None) -> bool:
    expires_at = stored.token_expires_at
    return expires_at is None or expires_at <= (now or datetime.now(UTC)) + REFRESH_MARGIN


def _is_rejected_token(stored: StoredCredential, rejected_access_token: str) -> bool:
    current = stored.secret.access_token
    return current is not None and hmac.compare_digest(
        current.get_secret_value(), rejected_access_token
    )


async def refresh_credential(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    project_integration_id: UUID,
    rejected_access_token: str | None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> StoredCredential:
    """The credential after making sure it is fresh: refreshed by this call, or by whoever
    held the lock before. rejected_access_token: the token a provider just answered 401
    to (refresh unless the stored one is already another); None: refresh if it expires
    within REFRESH_MARGIN."""
    outcome: StoredCredential | ProviderError
    async with pool.connection() as conn, service_role(conn):
        stored = await load_credential(conn, provider.key, project_integration_id, lock=True)
        if stored is None:
            raise CredentialMissing(provider.name)
        if stored.integration_status == "Expired" or stored.secret.refresh_token is None:
            raise ReconnectRequired(provider.name)
        fresh_enough = (
            not needs_refresh(stored)
            if rejected_access_token is None
            else not _is_rejected_token(stored, rejected_access_token)
        )
        if fresh_enough:
            return stored
        try:
            issued = await refresh_tokens(provider, stored.secret.refresh_token, transport)
        except GrantRejected:
            outcome = ReconnectRequired(provider.name)
            await _record_problem(conn, project_integration_id, "Expired", outcome)
        except TokenEndpointUnavailable as error:
            outcome = error
            failures = await _count_failure(conn, stored.id)
            if failures >= TRANSIENT_FAILURES_BEFORE_ERROR:
                await _record_problem(conn, project_integration_id, "Error", error)
            else:
                await record_connection_problem(
                    conn, project_integration_id, None, error.code, error.message
                )
        except TokenEndpointRefused as error:
            outcome = error
            await _record_problem(conn, project_integration_id, "Error", error)
        else:
            outcome = await _store(conn, provider, stored, issued)
    # committed here: the rotated refresh token is stored before the new access token is used
    if isinstance(outcome, ProviderError):
        # a refusal's code is the endpoint's own word: one label for all, to stay bounded
        refused = isinstance(outcome, TokenEndpointRefused)
        token_refreshed(provider.key, "token_endpoint_refused" if refused else outcome.code)
        raise outcome
    token_refreshed(provider.key, "refreshed")
    return outcome


async def _store(
    conn: psycopg.AsyncConnection[Any],
    provider: OAuthProvider,
    stored: StoredCredential,
    issued: IssuedTokens,
) -> StoredCredential:
    assert stored.project_integration_id is not None
    await save_credential(
        conn,
        provider.key,
        stored.project_integration_id,
        issued.secret,
        token_expires_at=issued.token_expires_at,
        refresh_token_expires_at=issued.refresh_token_expires_at,
        scopes=issued.scopes,
    )
    await conn.execute(
        "update public.integration_credentials set last_refreshed_at = now() where id = %s",
        (stored.id,),
    )
    await record_connection_ok(conn, stored.project_integration_id, issued.refresh_token_expires_at)
    return replace(
        stored,
        secret=issued.secret,
        token_expires_at=issued.token_expires_at,
        refresh_token_expires_at=issued.refresh_token_expires_at or stored.refresh_token_expires_at,
        refresh_failure_count=0,
        scopes=tuple(issued.scopes) if issued.scopes else stored.scopes,
    )


async def _count_failure(conn: psycopg.AsyncConnection[Any], credential_id: UUID) -> int:
    cursor = await conn.execute(
        "update public.integration_credentials"
        " set refresh_failure_count = refresh_failure_count + 1"
        " where id = %s returning refresh_failure_count",
        (credential_id,),
    )
    row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _record_problem(
    conn: psycopg.AsyncConnection[Any],
    project_integration_id: UUID,
    status: Literal["Error", "Expired"],
    error: ProviderError,
) -> None:
    """A status change people must see: on the integration and as a sync log."""
    await record_connection_problem(conn, project_integration_id, status, error.code, error.message)
    await log_connection_event(
        conn, project_integration_id, "refresh", error=(error.code, error.message)
    )
