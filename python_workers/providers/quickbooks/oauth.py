"""How QuickBooks connects (OAuth 2.0, Intuit): the callback names the company (realmId),
which the new token must be able to read before anything is stored."""

from __future__ import annotations

from python_workers.providers.oauth import OAuthProvider
from python_workers.providers.quickbooks.settings import MINOR_VERSION, QuickBooksConfig


def quickbooks_oauth(config: QuickBooksConfig, redirect_uri: str) -> OAuthProvider:
    return OAuthProvider(
        key="quickbooks",
        name="QuickBooks",
        authorize_url=config.qbo_oauth_base_url,
        token_url=config.qbo_token_url,
        revoke_url=config.qbo_revoke_url,
        client_id=config.qbo_client_id,
        client_secret=config.qbo_client_secret,
        scopes=("com.intuit.quickbooks.accounting",),
        client_auth_method="client_secret_basic",
        grant_lifetime=None,
        account_param="realmId",
        account_setting=None,
        account_check_url=config.qbo_api_base_url.rstrip("/")
        + "/v3/company/{account}/query?query=select%20*%20from%20CompanyInfo"
        + f"&minorversion={MINOR_VERSION}",
        redirect_uri=redirect_uri,
    )
