"""OAuth state is bound to the browser that started the flow (an HttpOnly, SameSite=Lax
cookie holding a nonce whose hash is stored with the state): a callback from another
browser is refused and writes nothing, so a victim who approves an attacker's link cannot
connect the attacker's project to the victim's company. An unknown, expired or replayed
state, denied consent included, writes nothing either."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from psycopg_pool import AsyncConnectionPool

from functions.app import create_app
from functions.services import Services
from python_workers.config import Settings
from sandboxes.testing import sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import consent, start
from tests.py.connections.conftest import Sandboxes, World
from tests.py.security.functions.writes import project_writes
from tests.testdb import Database

pytestmark = pytest.mark.anyio

COOKIE = "plugboard_oauth_quickbooks"


async def test_oauth_state_bound_to_browser(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    attacker_url = await start(functions_client, "quickbooks", world, world.owner_id)
    attackers_cookie = functions_client.cookies[COOKIE]
    answered = consent(sandboxes, "quickbooks", attacker_url)  # the victim approves
    before = project_writes(db, world.project_id)

    functions_client.cookies.clear()  # the victim's browser: no cookie …
    no_cookie = await functions_client.get(answered.callback_path)
    functions_client.cookies.set(COOKIE, "a-nonce-of-another-flow", domain="functions.test")
    other_cookie = await functions_client.get(answered.callback_path)  # … or another one

    for page in (no_cookie, other_cookie):
        assert page.status_code == 400
        assert "started in another browser" in page.text
    assert project_writes(db, world.project_id) == before
    assert sandbox_counters(sandboxes.quickbooks).get("token_calls", 0) == 0

    # the browser that started it still finishes it
    functions_client.cookies.set(COOKIE, attackers_cookie, domain="functions.test")
    page = await functions_client.get(answered.callback_path)
    assert page.status_code == 200, page.text
    assert "is connected" in page.text


async def test_the_state_cookie_is_httponly_lax_scoped_and_secure_over_https(
    pool: AsyncConnectionPool[Any], settings: Settings, world: World
) -> None:
    for url, secure in (("http://functions.test", False), ("https://functions.test", True)):
        configured = settings.model_copy(update={"plugboard_functions_url": url})
        async with httpx.AsyncClient() as http:
            app = create_app(Services(pool, http, configured))
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url=url
            ) as client:
                response = await client.get(
                    "/oauth/quickbooks/start", params={"project_id": str(world.project_id)},
                    headers=world.auth(world.owner_id),
                )  # fmt: skip
        assert response.status_code == 302
        cookie = response.headers["set-cookie"]
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert cookie.startswith(f"{COOKIE}=")
        assert {"httponly", "samesite", "path", "max-age"} <= attributes
        assert "samesite=lax" in cookie.lower() and "path=/oauth/quickbooks" in cookie.lower()
        assert ("secure" in attributes) is secure


def _callback(params: dict[str, str], **changes: str) -> str:
    return "/oauth/quickbooks/callback?" + urlencode({**params, **changes})


async def test_oauth_replayed_state_writes_nothing(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    assert (await functions_client.get(answered.callback_path)).status_code == 200
    connected = project_writes(db, world.project_id)

    replays = [
        answered.callback_path,
        _callback(answered.params, error="access_denied"),
        _callback({"state": answered.params["state"], "error": "access_denied"}),
        _callback({"state": "never-issued", "error": "access_denied"}),
        _callback({"state": "", "error": "access_denied"}),
    ]
    pages = [await functions_client.get(path) for path in replays]
    assert [page.status_code for page in pages] == [400] * len(replays)
    assert all("already used" in page.text for page in pages[:3])
    assert project_writes(db, world.project_id) == connected
    assert sandbox_counters(sandboxes.quickbooks)["token_calls_authorization_code"] == 1


async def test_an_expired_state_writes_nothing(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    db_reads.execute(db, "update private.oauth_states set expires_at = now() - interval '1 second'")
    expired = project_writes(db, world.project_id)

    for path in (answered.callback_path, _callback(answered.params, error="access_denied")):
        page = await functions_client.get(path)
        assert page.status_code == 400
        assert "took too long" in page.text
    assert project_writes(db, world.project_id) == expired
    assert sandbox_counters(sandboxes.quickbooks).get("token_calls", 0) == 0
