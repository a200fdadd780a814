"""How HMRC connects (OAuth 2.0): the callback names no account, the project's VRN
setting does; a grant lasts 18 months; the scopes asked for are those of the enabled
features (scopes.py) among the ones the application is subscribed to (HMRC_SCOPES)."""

from __future__ import annotations

from datetime import timedelta

from python_workers.providers.hmrc.scopes import CONNECTION_SCOPES, FEATURE_SCOPES
from python_workers.providers.hmrc.settings import HmrcConfig
from python_workers.providers.oauth import OAuthProvider

# HMRC: "after 18 months you can no longer refresh the access token" (548 days).
HMRC_GRANT_LIFETIME = timedelta(days=548)


def hmrc_oauth(config: HmrcConfig, redirect_uri: str) -> OAuthProvider:
    return OAuthProvider(
        key="hmrc",
        name="HMRC",
        authorize_url=config.hmrc_oauth_base_url.rstrip("/") + "/oauth/authorize",
        token_url=config.hmrc_base_url.rstrip("/") + "/oauth/token",
        revoke_url=None,
        client_id=config.hmrc_client_id,
        client_secret=config.hmrc_client_secret,
        scopes=tuple(config.hmrc_scopes.split()),
        client_auth_method="client_secret_post",
        grant_lifetime=HMRC_GRANT_LIFETIME,
        account_param=None,
        account_setting="vrn",
        account_check_url=None,
        redirect_uri=redirect_uri,
        feature_scopes=FEATURE_SCOPES,
        connection_scopes=CONNECTION_SCOPES,
    )
