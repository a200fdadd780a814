"""Connecting a project integration with OAuth 2.0: starting an authorization (state bound
to the person, the project integration and the browser — a nonce the caller keeps in a
cookie —, single use, expiring; PKCE verifier kept server-side) and completing it at the
callback (code exchange, the account it names checked against the token — account_check.py
—, tokens into Vault, Pending → Connected, a sync log).

A callback whose state is unknown, expired, already used or from another browser changes
nothing in the database: anyone can send one. Once the state is good, every way the
callback can fail leaves the integration in a clear state, a sync log saying why, and a
result for the page the person sees. The connection test that follows is
connection_test.py's."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from uuid import UUID

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.connections.account_check import account_refusal
from python_workers.credentials.errors import TokenEndpointRefused, TokenEndpointUnavailable
from python_workers.credentials.oauth import (
    GrantRejected,
    IssuedTokens,
    authorization_url,
    exchange_code,
    new_code_verifier,
)
from python_workers.credentials.oauth_providers import OAuthProvider
from python_workers.credentials.status import (
    log_connection_event,
    record_connection,
    record_connection_problem,
)
from python_workers.credentials.store import on_behalf_of, save_credential, service_role
from python_workers.providers.errors import ProviderError

log = logging.getLogger("plugboard.connections")

STATE_LIFETIME = timedelta(minutes=10)
ENABLED_FEATURES_SQL = """
select s.feature_key from public.v_project_integration_features as s
where s.project_id = %s and s.provider_key = %s and s.is_enabled
"""


def sha256_hex(text: str) -> str:
    """What the database keeps of a state or a browser nonce."""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Authorization:
    """Where to send the person, and the nonce their browser must keep (a cookie) and
    bring back to the callback."""

    url: str
    browser_nonce: str


async def begin_authorization(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    project_id: UUID,
    claims: Mapping[str, Any],
) -> Authorization:
    """The provider's consent-page URL for the signed-in user (their JWT `claims`); raises
    psycopg errors with SQLSTATE PB401/PB403/PB404/PB409 when they may not connect."""
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = new_code_verifier()
    async with pool.connection() as conn, service_role(conn):
        await conn.execute(
            "select set_config('request.jwt.claims', %s, true)", (json.dumps(dict(claims)),)
        )
        await conn.execute(
            "select private.begin_oauth(%s, %s, %s, %s, %s, %s)",
            (project_id, provider.key, sha256_hex(state), sha256_hex(nonce), verifier,
             STATE_LIFETIME),
        )  # fmt: skip
        enabled = await conn.execute(ENABLED_FEATURES_SQL, (project_id, provider.key))
        scopes = provider.scopes_for(row[0] for row in await enabled.fetchall())
    return Authorization(authorization_url(provider, state, verifier, scopes), nonce)


@dataclass(frozen=True)
class CallbackResult:
    """What the callback page tells the person; project_integration_id is set when the
    integration is known, and connected when the tokens were stored."""

    connected: bool
    title: str
    message: str
    project_integration_id: UUID | None = None
    requested_by: UUID | None = None


@dataclass(frozen=True)
class _TakenState:
    outcome: str
    project_integration_id: UUID | None
    user_id: UUID | None
    code_verifier: str | None


# What the page says for a state take_oauth_state did not give (title, message); {name}
# is the provider's. Nothing is written for these: the callback may not be the person's.
_REFUSED_STATES = {
    "unknown": (
        "This link is not valid",
        "This {name} connection was not started here, or the link was changed.",
    ),
    "other_browser": (
        "This link is not valid in this browser",
        "This {name} connection was started in another browser (or this browser did not "
        "keep its cookie). Finish it in the browser where you started it.",
    ),
    "replayed": ("{name} was not connected", "This {name} connection link was already used."),
    "expired": ("{name} was not connected", "The {name} connection took too long and expired."),
}


async def complete_authorization(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    params: Mapping[str, str],
    browser_nonce: str | None,
    http: httpx.AsyncClient,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CallbackResult:
    """The callback: `params` are its query parameters (state, code or error, realmId…),
    `browser_nonce` the nonce of the calling browser's cookie (None without one); `http`
    makes the account check (account_check.py), `transport` carries the token calls."""
    taken = await _take_state(pool, provider, params.get("state", ""), browser_nonce)
    if taken.outcome != "ok" or taken.project_integration_id is None:
        log.warning("%s callback refused: state %s", provider.name, taken.outcome)
        title, message = _REFUSED_STATES.get(taken.outcome, _REFUSED_STATES["unknown"])
        return CallbackResult(
            False,
            title.format(name=provider.name),
            message.format(name=provider.name)
            + " Nothing was changed; start again from Setup > Integrations.",
        )
    integration_id, user_id = taken.project_integration_id, taken.user_id
    if "error" in params:
        denied = params["error"] == "access_denied"
        return await _fail(
            pool, provider, integration_id, user_id,
            "access_denied" if denied else "authorization_failed",
            f"Access was not granted at {provider.name}"
            if denied
            else f"{provider.name} did not authorise the connection",
            status=None,
        )  # fmt: skip
    assert taken.code_verifier is not None
    try:
        issued = await exchange_code(
            provider, params.get("code", ""), taken.code_verifier, transport
        )
    except GrantRejected:
        return await _fail(
            pool, provider, integration_id, user_id, "code_exchange_failed",
            f"{provider.name} did not accept the authorisation code (invalid_grant)",
            status="Error",
        )  # fmt: skip
    except (TokenEndpointRefused, TokenEndpointUnavailable) as error:
        return await _fail(
            pool, provider, integration_id, user_id, "code_exchange_failed",
            f"The code exchange failed: {error.message}", status="Error",
        )  # fmt: skip
    account = params.get(provider.account_param) if provider.account_param else None
    if provider.find_account is not None and issued.secret.access_token is not None:
        try:  # the provider names the account only through its API
            account = await provider.find_account(http, issued.secret.access_token)
        except (ProviderError, httpx.TransportError):
            return await _fail(
                pool, provider, integration_id, user_id, "account_not_found",
                f"{provider.name} did not say which account was connected", status="Error",
            )  # fmt: skip
    refusal = await account_refusal(provider, issued, account, http, transport)
    if refusal is not None:
        log.warning("%s callback refused: the account check failed", provider.name)
        return CallbackResult(
            False,
            f"{provider.name} was not connected",
            f"{refusal[0].upper()}{refusal[1:]} (account_not_granted). Plugboard revoked the "
            "access and stored nothing; start the connection again and choose the company there.",
        )
    await _store_connection(pool, provider, integration_id, user_id, issued, account)
    return CallbackResult(
        True,
        f"{provider.name} is connected",
        f"{provider.name} is connected" + (f" (account {account})." if account else "."),
        integration_id,
        user_id,
    )


async def _take_state(
    pool: AsyncConnectionPool[Any], provider: OAuthProvider, state: str, browser_nonce: str | None
) -> _TakenState:
    """Uses the state up in its own transaction: single use even if what follows fails."""
    browser_hash = sha256_hex(browser_nonce) if browser_nonce else None
    async with pool.connection() as conn, service_role(conn):
        cursor = await conn.execute(
            "select outcome, project_integration_id, user_id, code_verifier"
            " from private.take_oauth_state(%s, %s, %s)",
            (sha256_hex(state), provider.key, browser_hash),
        )
        row = await cursor.fetchone()
    assert row is not None
    return _TakenState(*row)


async def _fail(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    integration_id: UUID,
    user_id: UUID | None,
    code: str,
    reason: str,
    *,
    status: Literal["Error"] | None,
) -> CallbackResult:
    """A failed callback: the reason on the integration (moving it to `status`, or keeping
    its status) and in a failed 'connect' sync log."""
    message = f"{reason}. Nothing was changed; start the connection again to retry."
    async with pool.connection() as conn, service_role(conn):
        await record_connection_problem(conn, integration_id, status, code, message)
        await log_connection_event(
            conn, integration_id, "connect", error=(code, message), requested_by=user_id
        )
    log.info("%s connection failed: %s", provider.name, code)
    return CallbackResult(False, f"{provider.name} was not connected", message, integration_id)


async def _store_connection(
    pool: AsyncConnectionPool[Any],
    provider: OAuthProvider,
    integration_id: UUID,
    user_id: UUID | None,
    issued: IssuedTokens,
    account: str | None,
) -> None:
    """Tokens into Vault, Pending → Connected, a 'connect' sync log: one transaction."""
    grant_expires_at = issued.refresh_token_expires_at or (
        datetime.now(UTC) + provider.grant_lifetime if provider.grant_lifetime else None
    )
    # The token response's scope; without one, a provider asking for fixed scopes granted
    # those, and what a feature-scoped one granted is not known (None).
    granted = issued.scopes or (None if provider.feature_scopes else list(provider.scopes))
    async with pool.connection() as conn, service_role(conn):
        await on_behalf_of(conn, user_id)  # the history's "who"
        if provider.account_setting:  # the callback names no account (HMRC): the project's
            cursor = await conn.execute(
                "select settings ->> %s from public.project_integrations where id = %s",
                (provider.account_setting, integration_id),
            )
            row = await cursor.fetchone()
            account = row[0] if row else None
        await save_credential(
            conn, provider.key, integration_id, issued.secret,
            token_expires_at=issued.token_expires_at,
            refresh_token_expires_at=grant_expires_at,
            scopes=granted,
            external_account_id=account,
        )  # fmt: skip
        await record_connection(conn, integration_id, account, grant_expires_at)
        await log_connection_event(
            conn, integration_id, "connect",
            details={"external_account_id": account,
                     "scopes": granted,
                     "connection_expires_at": grant_expires_at.isoformat()
                     if grant_expires_at else None},
            requested_by=user_id,
        )  # fmt: skip
    log.info("%s connected (integration %s)", provider.name, integration_id)
