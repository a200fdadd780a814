"""The account a callback names (QuickBooks: realmId, a query parameter anyone can change
in the redirect) checked against the token just issued, before anything is stored: the
token must read that account (OAuthProvider.account_check_url). When it cannot, the grant
is revoked at the provider and the callback stores nothing."""

from __future__ import annotations

import logging
from urllib.parse import quote

import httpx

from python_workers.credentials.oauth import IssuedTokens, revoke
from python_workers.credentials.oauth_providers import OAuthProvider
from python_workers.providers.errors import ProviderError

log = logging.getLogger("plugboard.connections")


async def account_refusal(
    provider: OAuthProvider,
    issued: IssuedTokens,
    account: str | None,
    http: httpx.AsyncClient,
    transport: httpx.AsyncBaseTransport | None = None,
) -> str | None:
    """None when the token reads `account` (or the provider names none in its callback);
    else why not, after revoking the grant."""
    refusal = await _refusal(provider, issued, account, http)
    if refusal is not None:
        await _revoke(provider, issued, transport)
    return refusal


async def _refusal(
    provider: OAuthProvider, issued: IssuedTokens, account: str | None, http: httpx.AsyncClient
) -> str | None:
    if provider.account_check_url is None:
        return None
    if not account or issued.secret.access_token is None:
        return f"{provider.name} named no company ({provider.account_param}) in its answer"
    url = provider.account_check_url.format(account=quote(account, safe=""))
    headers = {
        "Accept": "application/json",
        "Authorization": f"Bearer {issued.secret.access_token.get_secret_value()}",
    }
    try:
        response = await http.get(url, headers=headers)
    except httpx.TransportError:
        return f"{provider.name} could not be reached to check the company (account {account})"
    if response.is_success:
        return None
    if response.status_code in (401, 403):
        return (
            f"the access {provider.name} granted cannot read company {account} "
            f"(HTTP {response.status_code}): the link was changed, or the company is not "
            "the one chosen"
        )
    return f"{provider.name} did not answer the company check (HTTP {response.status_code})"


async def _revoke(
    provider: OAuthProvider, issued: IssuedTokens, transport: httpx.AsyncBaseTransport | None
) -> None:
    token = issued.secret.refresh_token or issued.secret.access_token
    if provider.revoke_url is None or token is None:
        return
    try:
        await revoke(provider, token, transport)
    except ProviderError as error:  # nothing is stored either way; say so in the log
        log.warning("%s grant not revoked after a refused account: %s", provider.name, error.code)
