"""A person's browser through the OAuth dance: functions/ start → the sandbox's consent
page (approve or deny) → functions/ callback."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit
from uuid import UUID

import httpx

from tests.py.connections.conftest import FUNCTIONS_URL, Sandboxes, World

GB_REALM = "9341455000000001"
VRN = "123456782"


@dataclass(frozen=True)
class Consent:
    callback_path: str  # path and query of functions/ callback the provider redirected to
    params: dict[str, str]


async def start(client: httpx.AsyncClient, provider: str, world: World, user: UUID) -> str:
    """The consent-page URL functions/ redirects the signed-in user to."""
    response = await client.get(
        f"/oauth/{provider}/start", params={"project_id": str(world.project_id)},
        headers=world.auth(user),
    )  # fmt: skip
    assert response.status_code == 302, response.text
    return response.headers["location"]


def consent(
    sandboxes: Sandboxes, provider: str, consent_url: str, *, approve: bool = True
) -> Consent:
    """Answers the sandbox's consent page as the person would."""
    query = dict(parse_qsl(urlsplit(consent_url).query))
    decision = {"decision": "approve" if approve else "deny"}
    if provider == "quickbooks":
        action = f"{sandboxes.quickbooks.base_url}/connect/oauth2"
        form = {**query, **decision, "realm_id": GB_REALM}
    else:
        action = f"{sandboxes.hmrc.base_url}/oauth/authorize"
        form = {**query, **decision, "vrn": VRN}
    answer = httpx.post(action, data=form, follow_redirects=False, timeout=10)
    assert answer.status_code in (302, 303), answer.text
    location = answer.headers["location"]
    assert location.startswith(FUNCTIONS_URL), location
    parts = urlsplit(location)
    return Consent(f"{parts.path}?{parts.query}", dict(parse_qsl(parts.query)))


async def connect(
    client: httpx.AsyncClient, sandboxes: Sandboxes, provider: str, world: World
) -> httpx.Response:
    """The whole happy path; returns the callback's page."""
    url = await start(client, provider, world, world.owner_id)
    answered = consent(sandboxes, provider, url)
    return await client.get(answered.callback_path)
