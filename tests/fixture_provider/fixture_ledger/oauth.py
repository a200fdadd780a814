"""How Fixture Ledger connects: OAuth 2.0 whose callback names no account, so the ledger
the new token reads is asked of its API (GET /me) after the token exchange."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from python_workers.providers.errors import ProviderError
from python_workers.providers.oauth import OAuthProvider

from .settings import FixtureLedgerConfig


async def find_ledger(http: httpx.AsyncClient, access_token: SecretStr) -> str:
    config = FixtureLedgerConfig()
    answer = await http.get(
        f"{config.fixture_ledger_base_url}/me",
        headers={"Authorization": f"Bearer {access_token.get_secret_value()}"},
    )
    if not answer.is_success:
        raise ProviderError("account_not_found", f"GET /me answered {answer.status_code}")
    return str(answer.json()["ledger_id"])


def fixture_ledger_oauth(config: FixtureLedgerConfig, redirect_uri: str) -> OAuthProvider:
    base = config.fixture_ledger_base_url.rstrip("/")
    return OAuthProvider(
        key="fixture_ledger",
        name="Fixture Ledger",
        authorize_url=f"{base}/oauth/authorize",
        token_url=f"{base}/oauth/token",
        revoke_url=None,
        client_id=config.fixture_ledger_client_id,
        client_secret=config.fixture_ledger_client_secret,
        scopes=("ledger",),
        client_auth_method="client_secret_post",
        grant_lifetime=None,
        account_param=None,
        account_setting=None,
        account_check_url=None,
        redirect_uri=redirect_uri,
        find_account=find_ledger,
    )
