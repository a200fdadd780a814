"""OAuth 2.0 grants and tokens as HMRC issues them.

A user's consent creates a grant (client, scopes, the organisation's VRN and employer PAYE
references) that lasts 18 months. Each access
token lasts 4 hours; each refresh token works once and its use issues a new pair under the
same grant, until the grant expires. Client-credentials tokens carry no grant and no VRN.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from typing import Any


def _token() -> str:
    return secrets.token_hex(16)  # HMRC tokens are 32 hex characters


@dataclass
class Grant:
    client_id: str
    scopes: frozenset[str]
    vrn: str
    emprefs: frozenset[str]
    expires_at: float


@dataclass
class PendingCode:
    grant_id: str
    redirect_uri: str
    expires_at: float
    pkce: Pkce | None = None


@dataclass(frozen=True)
class Pkce:
    """RFC 7636: the challenge sent to /oauth/authorize, proved by the verifier at /token."""

    challenge: str
    method: str  # S256 or plain

    def proved_by(self, verifier: str) -> bool:
        if self.method == "S256":
            digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
            verifier = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return hmac.compare_digest(verifier, self.challenge)


@dataclass
class AccessToken:
    client_id: str
    scopes: frozenset[str]
    vrn: str | None  # None: an application-restricted (client credentials) token
    expires_at: float
    emprefs: frozenset[str] = frozenset()  # the PAYE schemes the user runs


@dataclass
class IssuedTokens:
    access_token: str
    refresh_token: str | None
    expires_in: int
    scopes: frozenset[str]

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "access_token": self.access_token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
            "scope": " ".join(sorted(self.scopes)),
        }
        if self.refresh_token is not None:
            body["refresh_token"] = self.refresh_token
        return body


class GrantRefused(Exception):
    """The code or refresh token is unknown, used, expired or not this client's."""


@dataclass
class TokenStore:
    grants: dict[str, Grant] = field(default_factory=dict)
    codes: dict[str, PendingCode] = field(default_factory=dict)
    access: dict[str, AccessToken] = field(default_factory=dict)
    refresh: dict[str, str] = field(default_factory=dict)  # refresh token -> grant id

    def consent(
        self,
        client_id: str,
        scopes: frozenset[str],
        vrn: str,
        redirect_uri: str,
        pkce: Pkce | None,
        *,
        emprefs: frozenset[str],
        grant_seconds: int,
        code_seconds: int,
    ) -> str:
        """A user approved: a new grant, and the authorization code that redeems it."""
        now = time.time()
        grant_id = _token()
        self.grants[grant_id] = Grant(client_id, scopes, vrn, emprefs, now + grant_seconds)
        code = _token()
        self.codes[code] = PendingCode(grant_id, redirect_uri, now + code_seconds, pkce)
        return code

    def redeem_code(
        self,
        code: str,
        client_id: str,
        redirect_uri: str,
        verifier: str | None,
        access_seconds: int,
    ) -> IssuedTokens:
        pending = self.codes.pop(code, None)  # a code works once, even when refused
        if pending is None or pending.expires_at < time.time():
            raise GrantRefused("code is invalid")
        grant = self.grants[pending.grant_id]
        if grant.client_id != client_id or pending.redirect_uri != redirect_uri:
            raise GrantRefused("code is invalid")
        if pending.pkce is not None and not pending.pkce.proved_by(verifier or ""):
            raise GrantRefused("code_verifier is invalid")
        return self._issue(pending.grant_id, grant, access_seconds)

    def refresh_grant(
        self, refresh_token: str, client_id: str, access_seconds: int
    ) -> IssuedTokens:
        grant_id = self.refresh.pop(refresh_token, None)  # single use
        grant = self.grants.get(grant_id or "")
        if grant_id is None or grant is None or grant.client_id != client_id:
            raise GrantRefused("refresh_token is invalid")
        if grant.expires_at < time.time():
            raise GrantRefused("refresh_token has expired")
        return self._issue(grant_id, grant, access_seconds)

    def client_credentials(
        self, client_id: str, scopes: frozenset[str], access_seconds: int
    ) -> IssuedTokens:
        token = _token()
        self.access[token] = AccessToken(client_id, scopes, None, time.time() + access_seconds)
        return IssuedTokens(token, None, access_seconds, scopes)

    def _issue(self, grant_id: str, grant: Grant, access_seconds: int) -> IssuedTokens:
        access_token, refresh_token = _token(), _token()
        expires_at = time.time() + access_seconds
        self.access[access_token] = AccessToken(
            grant.client_id, grant.scopes, grant.vrn, expires_at, grant.emprefs
        )
        self.refresh[refresh_token] = grant_id
        return IssuedTokens(access_token, refresh_token, access_seconds, grant.scopes)

    def valid_access_token(self, token: str) -> AccessToken | None:
        found = self.access.get(token)
        if found is None or found.expires_at < time.time():
            return None
        return found

    def snapshot(self) -> dict[str, Any]:
        """Counts and grant details for GET /_sandbox/state (never the tokens themselves)."""
        return {
            "grants": [
                {
                    "client_id": g.client_id,
                    "vrn": g.vrn,
                    "emprefs": sorted(g.emprefs),
                    "scopes": sorted(g.scopes),
                    "expires_at": g.expires_at,
                }
                for g in self.grants.values()
            ],
            "access_tokens": len(self.access),
            "refresh_tokens": len(self.refresh),
            "pending_codes": len(self.codes),
        }
