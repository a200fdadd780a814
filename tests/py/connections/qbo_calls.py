"""Direct calls to the QuickBooks sandbox with a credential, as an action would make them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from python_workers.credentials.errors import CredentialRejected
from python_workers.providers.contract import Credential
from sandboxes.common.server import RunningSandbox
from tests.py.connections.browser import GB_REALM


async def company_name(
    sandbox: RunningSandbox, credential: Credential, http: httpx.AsyncClient | None = None
) -> str:
    """CompanyInfo's name; CredentialRejected on a 401 (what call_with_credential retries)."""
    async with httpx.AsyncClient(timeout=10) if http is None else _borrowed(http) as client:
        response = await client.get(
            f"{sandbox.base_url}/v3/company/{GB_REALM}/query",
            params={"query": "select * from CompanyInfo", "minorversion": "75"},
            headers={
                "Accept": "application/json",
                "Authorization": f"Bearer {credential.access_token}",
            },
        )
    if response.status_code == 401:
        raise CredentialRejected("QuickBooks")
    response.raise_for_status()
    return str(response.json()["QueryResponse"]["CompanyInfo"][0]["CompanyName"])


def expire_access_tokens(sandbox: RunningSandbox) -> None:
    httpx.post(f"{sandbox.base_url}/_sandbox/tokens/expire", timeout=10).raise_for_status()


def token_grant(sandbox: RunningSandbox, refresh_token: str) -> httpx.Response:
    """A refresh_token grant made directly (to see whether a refresh token still works)."""
    return httpx.post(
        f"{sandbox.base_url}/oauth2/v1/tokens/bearer",
        data={"grant_type": "refresh_token", "refresh_token": refresh_token},
        auth=("sandbox-client-id", "sandbox-client-secret"),
        timeout=10,
    )


def revoke_at_provider(sandbox: RunningSandbox, refresh_token: str) -> None:
    """What a person removing the app in QuickBooks does to the grant."""
    httpx.post(
        f"{sandbox.base_url}/oauth2/v1/tokens/revoke",
        data={"token": refresh_token},
        auth=("sandbox-client-id", "sandbox-client-secret"),
        timeout=10,
    ).raise_for_status()


@asynccontextmanager
async def _borrowed(http: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    yield http  # the caller's client, left open
