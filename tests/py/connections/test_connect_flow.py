"""OAuth connect through functions/: the happy path for QuickBooks and HMRC (tokens in
Vault, Pending → Connected with account and grant expiry, testConnection through the
server registry, sync logs), denied consent, and who may start a connection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from sandboxes.testing import sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import GB_REALM, VRN, connect, consent, start
from tests.py.connections.conftest import Sandboxes, World
from tests.testdb import Database

pytestmark = pytest.mark.anyio

ACCOUNT = {"quickbooks": GB_REALM, "hmrc": VRN}
# QuickBooks says its refresh token lasts 100 days; HMRC's grant lasts 18 months.
GRANT_DAYS = {"quickbooks": 100, "hmrc": 548}


@pytest.mark.parametrize("provider", ["quickbooks", "hmrc"])
async def test_happy_path_connects_stores_tokens_in_vault_and_tests_the_connection(
    provider: str,
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
) -> None:
    integration_id = world.integrations[provider]
    assert db_reads.integration(db, integration_id)["status"] == "Pending"

    consent_url = await start(functions_client, provider, world, world.owner_id)
    query = dict(parse_qsl(urlsplit(consent_url).query))
    assert query["code_challenge_method"] == "S256" and query["state"]
    page = await functions_client.get(consent(sandboxes, provider, consent_url).callback_path)

    assert page.status_code == 200, page.text
    assert "is connected" in page.text
    row = db_reads.integration(db, integration_id)
    assert row["status"] == "Connected"
    assert row["external_account_id"] == ACCOUNT[provider]
    assert row["connected_at"] is not None and row["last_error_code"] is None
    expected_expiry = datetime.now(UTC) + timedelta(days=GRANT_DAYS[provider])
    assert abs(row["connection_expires_at"] - expected_expiry) < timedelta(minutes=5)
    assert row["connection_expiry_warning"] is False

    stored = db_reads.credential(db, integration_id)
    assert stored is not None
    assert set(stored["secret"]) == {"access_token", "refresh_token"}
    assert stored["external_account_id"] == ACCOUNT[provider]
    assert stored["token_expires_at"] > datetime.now(UTC)

    logs = db_reads.sync_logs(db, integration_id)
    assert [(log["action"], log["status"]) for log in logs] == [
        ("connect", "success"),
        ("testConnection", "success"),
    ]
    assert all(log["requested_by"] == world.owner_id for log in logs)
    server = sandboxes.quickbooks if provider == "quickbooks" else sandboxes.hmrc
    assert sandbox_counters(server)["token_calls_authorization_code"] == 1


@pytest.mark.parametrize("provider", ["quickbooks", "hmrc"])
async def test_denied_consent_leaves_the_integration_pending_with_the_reason(
    provider: str,
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
) -> None:
    integration_id = world.integrations[provider]
    consent_url = await start(functions_client, provider, world, world.owner_id)
    page = await functions_client.get(
        consent(sandboxes, provider, consent_url, approve=False).callback_path
    )

    assert page.status_code == 400
    assert "Access was not granted" in page.text
    row = db_reads.integration(db, integration_id)
    assert row["status"] == "Pending"
    assert row["last_error_code"] == "access_denied"
    assert db_reads.credential(db, integration_id) is None
    [log] = db_reads.sync_logs(db, integration_id)
    assert (log["action"], log["status"], log["error_code"]) == (
        "connect",
        "failed",
        "access_denied",
    )


async def test_start_needs_a_valid_token_and_integration_manage(
    functions_client: httpx.AsyncClient, world: World
) -> None:
    async def start_as(headers: dict[str, str], project: Any = world.project_id) -> int:
        response = await functions_client.get(
            "/oauth/quickbooks/start", params={"project_id": str(project)}, headers=headers
        )
        return response.status_code

    assert await start_as({}) == 401
    assert await start_as({"Authorization": "Bearer not-a-jwt"}) == 401
    forged = world.token(world.owner_id).rsplit(".", 1)[0] + ".c2lnbmF0dXJl"
    assert await start_as({"Authorization": f"Bearer {forged}"}) == 401
    anon = world.token(world.owner_id, role="anon")
    assert await start_as({"Authorization": f"Bearer {anon}"}) == 401
    assert await start_as(world.auth(world.member_id)) == 403
    assert await start_as(world.auth(world.owner_id), project="not-a-uuid") == 400
    unknown = await functions_client.get(
        "/oauth/sage/start", params={"project_id": str(world.project_id)},
        headers=world.auth(world.owner_id),
    )  # fmt: skip
    assert unknown.status_code == 404
    assert await start_as(world.auth(world.owner_id)) == 302


async def test_status_endpoint_shows_the_connection_to_members_only(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World
) -> None:
    await connect(functions_client, sandboxes, "quickbooks", world)
    params = {"project_id": str(world.project_id)}

    seen = await functions_client.get(
        "/connections/quickbooks/status", params=params, headers=world.auth(world.member_id)
    )
    assert seen.status_code == 200
    body = seen.json()
    assert body["status"] == "Connected" and body["external_account_id"] == GB_REALM
    assert body["connection_expiry_warning"] is False
    assert "token" not in seen.text

    stranger = world.token(world.project_id)  # a user of no project
    hidden = await functions_client.get(
        "/connections/quickbooks/status", params=params,
        headers={"Authorization": f"Bearer {stranger}"},
    )  # fmt: skip
    assert hidden.status_code == 404
