"""The OAuth 2.0 providers Plugboard connects to, as configuration: where their consent
page, token and revocation endpoints are, the client Plugboard is registered as, the
scopes it asks for (HMRC: those of the enabled features, among the ones its application is
subscribed to) and how long a grant lasts when the token response does not say."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from pydantic import SecretStr

from python_workers.config import Settings
from python_workers.providers.hmrc.scopes import CONNECTION_SCOPES, FEATURE_SCOPES
from python_workers.providers.quickbooks.settings import MINOR_VERSION

# HMRC: "after 18 months you can no longer refresh the access token" (548 days).
HMRC_GRANT_LIFETIME = timedelta(days=548)


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
    # The callback query parameter naming the connected account (QuickBooks: realmId).
    account_param: str | None
    # Otherwise the project integration's setting that names it (HMRC: the VRN).
    account_setting: str | None
    # A GET ({account}: the callback's account, escaped) that succeeds only when the token
    # just issued can read that account: a callback's account is checked before anything
    # is stored, since anyone can change it in the redirect.
    account_check_url: str | None
    redirect_uri: str
    # Per catalogue feature, the scopes it needs; empty: every connection asks for `scopes`.
    feature_scopes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    connection_scopes: tuple[str, ...] = ()  # asked for whatever features are enabled

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


def oauth_provider(key: str, settings: Settings) -> OAuthProvider:
    """The OAuth configuration of provider `key`; LookupError for a provider without OAuth."""
    redirect_uri = f"{settings.functions_url()}/oauth/{key}/callback"
    if key == "quickbooks":
        return OAuthProvider(
            key=key,
            name="QuickBooks",
            authorize_url=settings.qbo_oauth_base_url,
            token_url=settings.qbo_token_url,
            revoke_url=settings.qbo_revoke_url,
            client_id=settings.qbo_client_id,
            client_secret=settings.qbo_client_secret,
            scopes=("com.intuit.quickbooks.accounting",),
            client_auth_method="client_secret_basic",
            grant_lifetime=None,
            account_param="realmId",
            account_setting=None,
            account_check_url=settings.qbo_api_base_url.rstrip("/")
            + "/v3/company/{account}/query?query=select%20*%20from%20CompanyInfo"
            + f"&minorversion={MINOR_VERSION}",
            redirect_uri=redirect_uri,
        )
    if key == "hmrc":
        return OAuthProvider(
            key=key,
            name="HMRC",
            authorize_url=settings.hmrc_oauth_base_url.rstrip("/") + "/oauth/authorize",
            token_url=settings.hmrc_base_url.rstrip("/") + "/oauth/token",
            revoke_url=None,
            client_id=settings.hmrc_client_id,
            client_secret=settings.hmrc_client_secret,
            scopes=tuple(settings.hmrc_scopes.split()),
            client_auth_method="client_secret_post",
            grant_lifetime=HMRC_GRANT_LIFETIME,
            account_param=None,
            account_setting="vrn",
            account_check_url=None,
            redirect_uri=redirect_uri,
            feature_scopes=FEATURE_SCOPES,
            connection_scopes=CONNECTION_SCOPES,
        )
    raise LookupError(f"{key!r} does not connect with OAuth 2.0 (known: quickbooks, hmrc)")
