"""A provider whose OAuth callback names no account connects with the account its spec's
find_account hook reads from the provider's API after the token exchange (the fixture
provider, Fixture Ledger: GET /me); when that call fails, nothing is stored and the
integration shows account_not_found."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import configure_sandbox, reset_sandbox, start_sandbox
from tests.fixture_provider.fixture_ledger.sandbox import LEDGER_ID
from tests.py.connections import db_reads
from tests.py.connections.browser import start
from tests.py.connections.conftest import FUNCTIONS_URL, World
from tests.testdb import Database

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def ledger_server() -> Iterator[RunningSandbox]:
    with start_sandbox("fixture_ledger") as sandbox:
        yield sandbox


@pytest.fixture
def ledger(ledger_server: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> RunningSandbox:
    reset_sandbox(ledger_server)
    monkeypatch.setenv("FIXTURE_LEDGER_BASE_URL", ledger_server.base_url)
    monkeypatch.setenv("FIXTURE_LEDGER_CLIENT_ID", "sandbox-client-id")
    return ledger_server


async def _connect(client: httpx.AsyncClient, world: World) -> httpx.Response:
    consent_url = await start(client, "fixture_ledger", world, world.owner_id)
    async with httpx.AsyncClient(timeout=10) as browser:
        approved = await browser.get(consent_url)  # approves at once: a redirect back
    location = approved.headers["location"]
    assert location.startswith(FUNCTIONS_URL), location
    parts = urlsplit(location)
    return await client.get(f"{parts.path}?{parts.query}")


async def test_the_account_the_api_names_is_the_connection_s(
    functions_client: httpx.AsyncClient, ledger: RunningSandbox, world: World, db: Database
) -> None:
    integration_id = world.integrations["fixture_ledger"]

    page = await _connect(functions_client, world)

    assert page.status_code == 200, page.text
    assert f"Fixture Ledger is connected (account {LEDGER_ID})." in page.text
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["external_account_id"]) == ("Connected", LEDGER_ID)
    stored = db_reads.credential(db, integration_id)
    assert stored is not None and stored["external_account_id"] == LEDGER_ID


async def test_an_account_the_api_does_not_name_stores_nothing(
    functions_client: httpx.AsyncClient, ledger: RunningSandbox, world: World, db: Database
) -> None:
    configure_sandbox(ledger, me_status=503)
    integration_id = world.integrations["fixture_ledger"]

    page = await _connect(functions_client, world)

    assert "Fixture Ledger did not say which account was connected" in page.text, page.text
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Error", "account_not_found")
    assert db_reads.credential(db, integration_id) is None
