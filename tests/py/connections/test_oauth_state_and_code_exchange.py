"""The callback refuses what it did not start: a bad (forged or altered) state, a replayed
state and an expired one, each changing nothing in the database (anyone can send one;
tests/py/security/functions has the browser binding); and a code the provider will not
exchange, which leaves the integration in a clear state with a sync log saying why. Each
gives a page telling the person what happened."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest

from sandboxes.testing import sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import consent, start
from tests.py.connections.conftest import Sandboxes, World
from tests.testdb import Database

pytestmark = pytest.mark.anyio


def _with(params: dict[str, str], **changes: str) -> str:
    return "/oauth/quickbooks/callback?" + urlencode({**params, **changes})


async def test_a_bad_state_is_refused_and_nothing_changes(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    for state in ("forged-state", answered.params["state"] + "x", ""):
        page = await functions_client.get(_with(answered.params, state=state))
        assert page.status_code == 400
        assert "This link is not valid" in page.text

    integration_id = world.integrations["quickbooks"]
    assert db_reads.integration(db, integration_id)["status"] == "Pending"
    assert db_reads.credential(db, integration_id) is None
    assert sandbox_counters(sandboxes.quickbooks).get("token_calls", 0) == 0
    # the genuine state still works once
    page = await functions_client.get(answered.callback_path)
    assert page.status_code == 200, page.text


async def test_a_replayed_state_is_refused_and_changes_nothing(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    first = await functions_client.get(answered.callback_path)
    assert first.status_code == 200
    replay = await functions_client.get(answered.callback_path)

    assert replay.status_code == 400
    assert "already used" in replay.text
    integration_id = world.integrations["quickbooks"]
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Connected", None)  # unchanged
    assert sandbox_counters(sandboxes.quickbooks)["token_calls_authorization_code"] == 1
    assert [(log["action"], log["status"]) for log in db_reads.sync_logs(db, integration_id)] == [
        ("connect", "success"),
        ("testConnection", "success"),
    ]


async def test_an_expired_state_is_refused_and_changes_nothing(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    db_reads.execute(db, "update private.oauth_states set expires_at = now() - interval '1 second'")
    page = await functions_client.get(answered.callback_path)

    assert page.status_code == 400
    assert "took too long" in page.text
    integration_id = world.integrations["quickbooks"]
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Pending", None)
    assert db_reads.credential(db, integration_id) is None
    assert db_reads.sync_logs(db, integration_id) == []


async def test_a_state_of_another_provider_is_refused(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    page = await functions_client.get(
        answered.callback_path.replace("/oauth/quickbooks/", "/oauth/hmrc/")
    )
    assert page.status_code == 400
    assert db_reads.integration(db, world.integrations["hmrc"])["status"] == "Pending"


async def test_a_failed_code_exchange_moves_to_error_with_the_reason(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    page = await functions_client.get(_with(answered.params, code="AB-not-a-code"))

    assert page.status_code == 400
    assert "did not accept the authorisation code" in page.text
    integration_id = world.integrations["quickbooks"]
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["last_error_code"]) == ("Error", "code_exchange_failed")
    assert db_reads.credential(db, integration_id) is None
    [log] = db_reads.sync_logs(db, integration_id)
    assert (log["action"], log["status"], log["error_code"]) == (
        "connect",
        "failed",
        "code_exchange_failed",
    )
