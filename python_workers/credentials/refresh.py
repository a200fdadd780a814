"""Token refresh, single-flight across every process and machine, with no transaction open
while the token endpoint answers (issue #22).

A refresher takes the credential's refresh lease (private.credential_refresh_leases: a
holder and an expiry) in one short transaction, commits, calls the token endpoint with no
transaction open, then in a second short transaction gives the lease back and, only if it
still held it (compare-and-set), stores what it learned: the rotated refresh token with the
new access token, or the failure. A holder whose lease expired and was taken over records
nothing (its late answer must not overwrite a newer token or status) and waits like the
others. Whoever finds the lease held waits with no transaction open (20 ms, doubling to
1 s), then re-reads: a token that no longer needs refreshing (or no longer is the one the
provider rejected) is used as it is. The rotated refresh token is committed before any
caller gets the new access token, so no one can use a token whose successor is not stored.

A holder that died leaves its lease behind: it expires after LEASE (longer than the token
call may take, TOKEN_CALL_SECONDS) and the next refresher takes it over. A refresh the
caller waited for that ended without a fresh token (the holder gave the lease back after a
failure) is not tried again at once: the caller gets the holder's failure (RefreshFailed),
so one refresh makes one token call, failures included.

Outcomes for the project integration: success → Connected (errors cleared, the grant's
expiry mirrored); invalid_grant → Expired with a message asking for a reconnect, after
which no refresh is tried again until the person reconnects (no retry storm); transient
failures are counted and the third in a row → Error with the last error.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import UUID, uuid4

import httpx
import psycopg
from psycopg_pool import AsyncConnectionPool

from python_workers.credentials.errors import (
    CredentialMissing,
    ReconnectRequired,
    RefreshFailed,
    RefreshUnfinished,
    TokenEndpointRefused,
    TokenEndpointUnavailable,
)
from python_workers.credentials.oauth import GrantRejected, IssuedTokens, refresh_tokens
from python_workers.credentials.oauth_providers import OAuthProvider
from python_workers.credentials.refresh_lease import give_back_lease, lease_of, take_lease
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
from python_workers.engine.run_db import release_current
from python_workers.providers.errors import ProviderError

# Refresh this long before the access token expires, so no request goes out with a token
# that dies on the way.
REFRESH_MARGIN = timedelta(minutes=5)
TRANSIENT_FAILURES_BEFORE_ERROR = 3
TOKEN_CALL_SECONDS = 30.0  # the whole token call, however slowly the endpoint answers
LEASE = timedelta(seconds=60)  # outlives the token call, so only a dead holder's expires
WAIT_POLL_SECONDS = (0.02, 1.0)  # first and longest pause between looks at a held lease


def needs_refresh(stored: StoredCredential, now: datetime | None = None) -> bool:
    expires_at = stored.token_expires_at
    return expires_at is None or expires_at <= (now or datetime.now(UTC)) + REFRESH_MARGIN


def _is_rejected_token(stored: StoredCredential, rejected_access_token: str) -> bool:
    current = stored.secret.access_token
    return current is not None and hmac.compare_digest(
        current.get_secret_value(), rejected_access_token
    )


@dataclass(frozen=True)
class _Look:
    """What one short transaction found: a token to use, the lease taken (refresh with
    `stored`), or the lease held by `holder`."""

    found: Literal["fresh", "taken", "held"]
    stored: StoredCredential | None = None
    holder: UUID | None = None


async def refresh_credential(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    project_integration_id: UUID,
    rejected_access_token: str | None,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    lease: timedelta = LEASE,
) -> StoredCredential:
    """The credential after making sure it is fresh: refreshed by this call, or by whoever
    held the lease before. rejected_access_token: the token a provider just answered 401
    to (refresh unless the stored one is already another); None: refresh if it expires
    within REFRESH_MARGIN. lease: how long a holder that died blocks the others."""
    me = uuid4()
    waited_on: UUID | None = None
    pause, longest = WAIT_POLL_SECONDS
    deadline = time.monotonic() + 2 * lease.total_seconds()
    while True:
        look = await _look(
            pool, provider, project_integration_id, rejected_access_token, me, lease, waited_on
        )
        if look.found == "fresh":
            assert look.stored is not None
            return look.stored
        if look.found == "taken":
            assert look.stored is not None
            outcome = await _refresh_holding(pool, provider, look.stored, me, transport)
            if outcome is not None:
                return outcome
            # taken over while the token endpoint answered: the new holder's result counts
            waited_on = None
            deadline = time.monotonic() + 2 * lease.total_seconds()
        else:
            waited_on = look.holder or waited_on
        if time.monotonic() > deadline:
            raise RefreshUnfinished(provider.name)
        await asyncio.sleep(pause)
        pause = min(pause * 2, longest)


async def _look(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    project_integration_id: UUID,
    rejected_access_token: str | None,
    me: UUID,
    lease: timedelta,
    waited_on: UUID | None,
) -> _Look:
    """One short transaction: the lease taken if it is free (before reading the credential,
    so the read sees what an earlier holder committed), the credential read. A live lease
    of another's is all a waiter reads (one statement)."""
    async with pool.connection() as conn, service_role(conn):
        before = await lease_of(conn, provider.key, project_integration_id)
        if before is None:
            raise CredentialMissing(provider.name)
        if before.live:
            return _Look("held", holder=before.holder)
        credential_id = before.credential_id
        taken = await take_lease(conn, credential_id, me, lease.total_seconds())
        stored = await load_credential(conn, provider.key, project_integration_id)
        if stored is None:
            raise CredentialMissing(provider.name)  # the lease taken goes with the rollback
        if stored.integration_status == "Expired" or stored.secret.refresh_token is None:
            raise ReconnectRequired(provider.name)
        fresh_enough = (
            not needs_refresh(stored)
            if rejected_access_token is None
            else not _is_rejected_token(stored, rejected_access_token)
        )
        if fresh_enough:
            if taken:
                await give_back_lease(conn, credential_id, me)
            return _Look("fresh", stored)
        if not taken:
            return _Look("held", holder=before.holder)
        if waited_on is not None and before.holder is None:
            # the refresh waited for gave its lease back without a fresh token: it failed
            failure = await _recorded_failure(conn, project_integration_id)
            if failure is not None:
                await give_back_lease(conn, credential_id, me)
                raise failure
        return _Look("taken", stored)


async def _refresh_holding(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    stored: StoredCredential,
    me: UUID,
    transport: httpx.AsyncBaseTransport | None,
) -> StoredCredential | None:
    """The token call made while holding the lease, and what it learned stored if the lease
    is still this call's; None when it was taken over (nothing recorded)."""
    assert stored.secret.refresh_token is not None
    await release_current()  # a run's transaction ends before any wait (engine/run_db.py)
    issued: IssuedTokens | None = None
    failure: ProviderError | None = None
    try:
        async with asyncio.timeout(TOKEN_CALL_SECONDS):
            issued = await refresh_tokens(provider, stored.secret.refresh_token, transport)
    except GrantRejected:
        failure = ReconnectRequired(provider.name)
    except (TokenEndpointUnavailable, TokenEndpointRefused) as error:
        failure = error
    except TimeoutError:
        failure = TokenEndpointUnavailable(provider.name, None)
    except BaseException:
        with contextlib.suppress(Exception):  # the lease would expire anyway: free it sooner
            async with pool.connection() as conn, service_role(conn):
                await give_back_lease(conn, stored.id, me)
        raise
    async with pool.connection() as conn, service_role(conn):
        if not await give_back_lease(conn, stored.id, me):
            return None
        if issued is not None:
            fresh = await _store(conn, provider, stored, issued)
        else:
            assert failure is not None
            await _record_failure(conn, stored, failure)
    # committed here: the rotated refresh token is stored before the new access token is used
    if failure is not None:
        # a refusal's code is the endpoint's own word: one label for all, to stay bounded
        refused = isinstance(failure, TokenEndpointRefused)
        token_refreshed(provider.key, "token_endpoint_refused" if refused else failure.code)
        raise failure
    token_refreshed(provider.key, "refreshed")
    return fresh


async def _record_failure(
    conn: psycopg.AsyncConnection[Any], stored: StoredCredential, failure: ProviderError
) -> None:
    project_integration_id = stored.project_integration_id
    assert project_integration_id is not None
    if isinstance(failure, ReconnectRequired):
        await _record_problem(conn, project_integration_id, "Expired", failure)
    elif isinstance(failure, TokenEndpointUnavailable):
        failures = await _count_failure(conn, stored.id)
        if failures >= TRANSIENT_FAILURES_BEFORE_ERROR:
            await _record_problem(conn, project_integration_id, "Error", failure)
        else:
            await record_connection_problem(
                conn, project_integration_id, None, failure.code, failure.message
            )
    else:
        await _record_problem(conn, project_integration_id, "Error", failure)


async def _recorded_failure(
    conn: psycopg.AsyncConnection[Any], project_integration_id: UUID
) -> RefreshFailed | None:
    """The failure the last refresh recorded on the integration, if one is recorded."""
    cursor = await conn.execute(
        "select last_error_code, last_error_message from public.project_integrations where id = %s",
        (project_integration_id,),
    )
    row = await cursor.fetchone()
    if row is None or row[0] is None:
        return None
    return RefreshFailed(row[0], row[1] or "")


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
