"""How a provider connects with OAuth 2.0, as data: where its consent page, token and
revocation endpoints are, the client Plugboard is registered as, the scopes it asks for and
how the connected account is found. A provider's spec builds one from its settings
(ProviderSpec.oauth); python_workers/credentials does the protocol work with it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import SecretStr

if TYPE_CHECKING:  # specs import this module: it stays light (no httpx at run time)
    import httpx

    # After the token exchange, the account the new token reads, found through the
    # provider's API (one whose callback names none): (http client, access token) -> its id.
    AccountFinder = Callable[[httpx.AsyncClient, SecretStr], Awaitable[str]]


@dataclass(frozen=True)
class OAuthProvider:
    key: str
    name: str
    authorize_url: str
    token_url: str
    revoke_url: str | None  # None: the provider has no revocation endpoint (HMRC)
    client_id: str
    client_secret: SecretStr
    scopes: tuple[str, ...]
    client_auth_method: Literal["client_secret_basic", "client_secret_post"]
    # How long the grant (its refresh tokens) lasts when the token response does not say;
    # QuickBooks says it in x_refresh_token_expires_in.
    grant_lifetime: timedelta | None
    # How the connected account is found; a provider names exactly one way:
    # the callback query parameter naming it (QuickBooks: realmId),
    account_param: str | None
    # or the project integration's setting that names it (HMRC: the VRN),
    account_setting: str | None
    # A GET ({account}: the callback's account, escaped) that succeeds only when the token
    # just issued can read that account: a callback's account is checked before anything
    # is stored, since anyone can change it in the redirect.
    account_check_url: str | None
    redirect_uri: str
    # Per catalogue feature, the scopes it needs; empty: every connection asks for `scopes`.
    feature_scopes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    connection_scopes: tuple[str, ...] = ()  # asked for whatever features are enabled
    # or an API call after the token exchange (a provider that names it nowhere else).
    find_account: AccountFinder | None = None

    def __repr__(self) -> str:
        return f"OAuthProvider({self.key!r}, <client secret redacted>)"

    def scopes_for(self, enabled_features: Iterable[str]) -> tuple[str, ...]:
        """What an authorization asks for: of `scopes` (the application's), those the
        connection and the enabled features use."""
        if not self.feature_scopes:
            return self.scopes
        used = set(self.connection_scopes).union(
            *(self.feature_scopes.get(feature, ()) for feature in enabled_features)
        )
        return tuple(scope for scope in self.scopes if scope in used)

    def account_sources(self) -> list[str]:
        """The ways this configuration names to find the connected account."""
        named = {
            "account_param": self.account_param,
            "account_setting": self.account_setting,
            "find_account": self.find_account,
        }
        return [name for name, value in named.items() if value is not None]
