"""The OAuth 2.0 protocol work, done by authlib: the authorization URL (with PKCE), the
code exchange, refresh and revocation. Every failure comes out as one of the errors in
credentials.errors (or GrantRejected), whose messages carry the provider's error code and
HTTP status only: never a request or response body, header or token.

PKCE (S256) is sent to every provider. Neither Intuit nor HMRC documents it; RFC 7636
servers that do not support it ignore the parameters, and RFC 9700 recommends it for
confidential clients too, so it protects the code wherever it is honoured.
"""

from __future__ import annotations

import re
import secrets
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import httpx
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from pydantic import SecretStr

from python_workers.credentials.errors import TokenEndpointRefused, TokenEndpointUnavailable
from python_workers.credentials.oauth_providers import OAuthProvider
from python_workers.credentials.secret import StoredSecret

TIMEOUT = httpx.Timeout(30.0)
DEFAULT_ACCESS_TOKEN_SECONDS = 3600
_ERROR_CODE = re.compile(r"^[a-z_]{1,40}$")


class GrantRejected(Exception):
    """invalid_grant: the code or refresh token is unknown, used, revoked or expired."""


@dataclass(frozen=True)
class IssuedTokens:
    secret: StoredSecret
    token_expires_at: datetime
    refresh_token_expires_at: datetime | None  # None: the response did not say
    scopes: list[str] | None

    def __repr__(self) -> str:
        return "IssuedTokens(<redacted>)"


def new_code_verifier() -> str:
    return secrets.token_urlsafe(64)[:96]  # RFC 7636: 43 to 128 characters


def authorization_url(
    provider: OAuthProvider, state: str, code_verifier: str, scopes: tuple[str, ...]
) -> str:
    return str(
        add_params_to_uri(
            provider.authorize_url,
            [
                ("client_id", provider.client_id),
                ("response_type", "code"),
                ("scope", " ".join(scopes)),
                ("redirect_uri", provider.redirect_uri),
                ("state", state),
                ("code_challenge", create_s256_code_challenge(code_verifier)),
                ("code_challenge_method", "S256"),
            ],
        )
    )


async def exchange_code(
    provider: OAuthProvider,
    code: str,
    code_verifier: str,
    transport: httpx.AsyncBaseTransport | None = None,
) -> IssuedTokens:
    async with _token_call(provider, transport) as client:
        token = await client.fetch_token(
            provider.token_url,
            grant_type="authorization_code",
            code=code,
            code_verifier=code_verifier,
            redirect_uri=provider.redirect_uri,
        )
    return _issued(provider, dict(token))


async def refresh_tokens(
    provider: OAuthProvider,
    refresh_token: SecretStr,
    transport: httpx.AsyncBaseTransport | None = None,
) -> IssuedTokens:
    async with _token_call(provider, transport) as client:
        token = await client.refresh_token(
            provider.token_url, refresh_token=refresh_token.get_secret_value()
        )
    return _issued(provider, dict(token))


async def revoke(
    provider: OAuthProvider,
    refresh_token: SecretStr,
    transport: httpx.AsyncBaseTransport | None = None,
) -> None:
    """Revokes the grant behind the refresh token (RFC 7009)."""
    assert provider.revoke_url is not None
    async with _token_call(provider, transport) as client:
        response = await client.revoke_token(
            provider.revoke_url,
            token=refresh_token.get_secret_value(),
            token_type_hint="refresh_token",  # noqa: S106  # a kind of token, not one
        )
        response.raise_for_status()


@cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every token call: building one loads the CA bundle, which
    blocks the event loop (100-400 ms on a busy machine) and so every run sharing it."""
    return httpx.create_ssl_context()


@asynccontextmanager
async def _token_call(
    provider: OAuthProvider, transport: httpx.AsyncBaseTransport | None
) -> AsyncIterator[Any]:
    """An authlib client for one call; its failures as Plugboard's errors. `from None`
    drops the chained exception: httpx's holds the request, body (tokens) included."""
    # Imported at the first token call, not with this module: authlib's client and the JOSE
    # stack it loads are a fifth of what `plugboard functions` imports before it can answer.
    from python_workers.credentials.authlib_httpx import AsyncOAuth2Client, OAuthError

    try:
        async with AsyncOAuth2Client(
            client_id=provider.client_id,
            client_secret=provider.client_secret.get_secret_value(),
            token_endpoint_auth_method=provider.client_auth_method,
            revocation_endpoint_auth_method=provider.client_auth_method,
            transport=transport,
            timeout=TIMEOUT,
            verify=_tls(),
        ) as client:
            yield client
    except OAuthError as error:
        code = error.error if _ERROR_CODE.match(str(error.error)) else "oauth_error"
        if code == "invalid_grant":
            raise GrantRejected from None
        raise TokenEndpointRefused(provider.name, code) from None
    except httpx.HTTPStatusError as error:
        status = error.response.status_code
        if status == 429 or status >= 500:
            raise TokenEndpointUnavailable(provider.name, status) from None
        raise TokenEndpointRefused(provider.name, f"http_{status}") from None
    except httpx.TransportError:
        raise TokenEndpointUnavailable(provider.name, None) from None
    except ValueError:  # a body that is not a JSON object
        raise TokenEndpointUnavailable(provider.name, None) from None


def _issued(provider: OAuthProvider, token: dict[str, Any]) -> IssuedTokens:
    access_token, refresh_token = token.get("access_token"), token.get("refresh_token")
    if not isinstance(access_token, str) or not isinstance(refresh_token, str):
        raise TokenEndpointRefused(provider.name, "invalid_token_response")
    now = datetime.now(UTC)
    expires_in = _seconds(token.get("expires_in")) or DEFAULT_ACCESS_TOKEN_SECONDS
    refresh_expires_in = _seconds(token.get("x_refresh_token_expires_in"))
    scope = token.get("scope")
    return IssuedTokens(
        secret=StoredSecret(
            access_token=SecretStr(access_token), refresh_token=SecretStr(refresh_token)
        ),
        token_expires_at=now + timedelta(seconds=expires_in),
        refresh_token_expires_at=(
            now + timedelta(seconds=refresh_expires_in) if refresh_expires_in else None
        ),
        scopes=scope.split() if isinstance(scope, str) else None,
    )


def _seconds(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
