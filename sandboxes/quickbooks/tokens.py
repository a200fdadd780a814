"""OAuth 2.0 grants as Intuit runs them: authorization codes, expiring access tokens and
refresh tokens that rotate.

Intuit documents that the refresh token "may change" on every refresh and that clients
must always keep the latest. The sandbox rotates on every refresh and rejects the old one
(invalid_grant), the strictest reading, so a client that keeps a stale token fails here.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

SCOPE_ACCOUNTING = "com.intuit.quickbooks.accounting"


@dataclass
class Grant:
    """One company's consent to one client; revoking it ends all its tokens."""

    realm_id: str
    client_id: str
    scope: str
    revoked: bool = False
    access_tokens: set[str] = field(default_factory=set)


@dataclass
class AccessToken:
    grant: Grant
    expires_at: float


@dataclass
class RefreshToken:
    grant: Grant
    expires_at: float
    used: bool = False


@dataclass(frozen=True)
class PendingCode:
    realm_id: str
    client_id: str
    redirect_uri: str
    scope: str
    expires_at: float


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int
    refresh_expires_in: int
    realm_id: str

    def body(self) -> dict[str, object]:
        return {
            "token_type": "bearer",
            "access_token": self.access_token,
            "expires_in": self.expires_in,
            "refresh_token": self.refresh_token,
            "x_refresh_token_expires_in": self.refresh_expires_in,
        }


class GrantError(Exception):
    """An OAuth error code (invalid_grant, invalid_request...) for the token endpoint."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


class TokenStore:
    def __init__(self) -> None:
        self.codes: dict[str, PendingCode] = {}
        self.access: dict[str, AccessToken] = {}
        self.refresh: dict[str, RefreshToken] = {}

    def clear(self) -> None:
        self.codes.clear()
        self.access.clear()
        self.refresh.clear()

    def issue_code(
        self, realm_id: str, client_id: str, redirect_uri: str, scope: str, lifetime: int
    ) -> str:
        code = "AB" + secrets.token_urlsafe(32)
        self.codes[code] = PendingCode(
            realm_id, client_id, redirect_uri, scope, time.time() + lifetime
        )
        return code

    def exchange_code(
        self, code: str, client_id: str, redirect_uri: str, lifetimes: tuple[int, int]
    ) -> IssuedTokens:
        pending = self.codes.pop(code, None)  # single use, even when the exchange fails
        if pending is None or pending.client_id != client_id:
            raise GrantError("invalid_grant", "authorization code is invalid or already used")
        if pending.expires_at < time.time():
            raise GrantError("invalid_grant", "authorization code has expired")
        if pending.redirect_uri != redirect_uri:
            raise GrantError("invalid_grant", "redirect_uri does not match the authorization")
        return self.issue(Grant(pending.realm_id, client_id, pending.scope), lifetimes)

    def issue(self, grant: Grant, lifetimes: tuple[int, int]) -> IssuedTokens:
        """New access and refresh tokens for `grant` (access, refresh lifetimes in seconds)."""
        access_lifetime, refresh_lifetime = lifetimes
        access = "eyJ" + secrets.token_urlsafe(48)
        refresh = "RT1-" + secrets.token_urlsafe(36)
        now = time.time()
        self.access[access] = AccessToken(grant, now + access_lifetime)
        grant.access_tokens.add(access)
        self.refresh[refresh] = RefreshToken(grant, now + refresh_lifetime)
        return IssuedTokens(access, refresh, access_lifetime, refresh_lifetime, grant.realm_id)

    def use_refresh_token(
        self, token: str, client_id: str, lifetimes: tuple[int, int]
    ) -> IssuedTokens:
        record = self.refresh.get(token)
        if record is None or record.grant.client_id != client_id:
            raise GrantError("invalid_grant", "Incorrect or invalid refresh token")
        if record.grant.revoked:
            raise GrantError("invalid_grant", "refresh token has been revoked")
        if record.used:
            raise GrantError("invalid_grant", "refresh token has already been used")
        if record.expires_at < time.time():
            raise GrantError("invalid_grant", "refresh token has expired")
        record.used = True
        return self.issue(record.grant, lifetimes)

    def revoke(self, token: str) -> bool:
        """Revoke the grant behind an access or refresh token; False when unknown."""
        record = self.refresh.get(token) or self.access.get(token)
        if record is None:
            return False
        record.grant.revoked = True
        for access in record.grant.access_tokens:
            self.access.pop(access, None)
        return True

    def expire_access_tokens(self) -> int:
        """Make every access token expired now (tests of the refresh path)."""
        for token in self.access.values():
            token.expires_at = 0
        return len(self.access)

    def counts(self) -> dict[str, int]:
        return {
            "access_tokens": len(self.access),
            "refresh_tokens": sum(1 for r in self.refresh.values() if not r.used),
            "pending_codes": len(self.codes),
        }
