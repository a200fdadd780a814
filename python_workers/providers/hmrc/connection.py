"""HMRC testConnection: ask for the VAT registration's open obligations with the stored
token (refreshed once on a 401) and mark the integration Connected. HMRC's OAuth does not
name the VAT registration, so the project integration's `vrn` setting does."""

from __future__ import annotations

import httpx

from python_workers.config import settings
from python_workers.credentials.connection_test import (
    ConnectionTestParams,
    ConnectionTestResult,
)
from python_workers.credentials.errors import CredentialRejected
from python_workers.credentials.retry import call_with_credential
from python_workers.credentials.status import record_connection_ok
from python_workers.providers.contract import ActionContext, Credential
from python_workers.providers.errors import ProviderError, ProviderUnavailable, RateLimited

ACCEPT = "application/vnd.hmrc.1.0+json"


async def test_connection(ctx: ActionContext, params: ConnectionTestParams) -> ConnectionTestResult:
    vrn = ctx.integration.external_account_id or ctx.integration.settings.get("vrn")
    if ctx.integration.id is None or not isinstance(vrn, str) or not vrn:
        raise ProviderError(
            "vrn_missing", "Set the project's VAT registration number (setting vrn) first"
        )
    url = f"{settings().hmrc_base_url.rstrip('/')}/organisations/vat/{vrn}/obligations"

    async def open_obligations(credential: Credential) -> None:
        async with ctx.budget.acquire():
            try:
                response = await ctx.http.get(
                    url,
                    params={"status": "O"},
                    headers={
                        "Accept": ACCEPT,
                        "Authorization": f"Bearer {credential.access_token}",
                    },
                )
            except httpx.TransportError:
                raise ProviderUnavailable("HMRC", None) from None
        if response.status_code == 401:
            raise CredentialRejected("HMRC")
        if response.status_code == 429:
            raise RateLimited(1.0, "HMRC")
        if response.status_code >= 500:
            raise ProviderUnavailable("HMRC", response.status_code)
        if response.status_code == 403:
            raise ProviderError(
                "vrn_not_authorised", f"HMRC says this connection may not act for VRN {vrn}"
            )
        if response.status_code not in (200, 404):  # 404: no open obligations, still fine
            raise ProviderError(f"http_{response.status_code}", "HMRC refused the test call")

    await call_with_credential(ctx.credentials, open_obligations)
    await record_connection_ok(ctx.db, ctx.integration.id)
    return ConnectionTestResult(account_id=vrn)
