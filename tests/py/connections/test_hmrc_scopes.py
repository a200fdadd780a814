"""HMRC connects with a VAT-only application: the authorization asks for the scopes of the
project's enabled features among those the application is subscribed to (HMRC refuses any
other with invalid_scope), and the granted scope from the token response is stored."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from python_workers.config import Settings
from sandboxes.testing import configure_sandbox
from tests.py.connections import db_reads
from tests.py.connections.browser import consent, start
from tests.py.connections.conftest import Sandboxes, World
from tests.testdb import Database

pytestmark = pytest.mark.anyio

VAT_ONLY = ["read:vat", "write:vat"]


async def _connect_vat_only_application(
    client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> str:
    """Connects HMRC against a sandbox application subscribed to the VAT API only; the
    scope the authorization asked for."""
    configure_sandbox(sandboxes.hmrc, subscribed_scopes=VAT_ONLY)
    consent_url = await start(client, "hmrc", world, world.owner_id)
    page = await client.get(consent(sandboxes, "hmrc", consent_url).callback_path)
    assert page.status_code == 200 and "is connected" in page.text, page.text
    integration_id = world.integrations["hmrc"]
    assert db_reads.integration(db, integration_id)["status"] == "Connected"
    stored = db_reads.credential(db, integration_id)
    assert stored is not None and sorted(stored["scopes"]) == VAT_ONLY
    return dict(parse_qsl(urlsplit(consent_url).query))["scope"]


async def test_vat_only_application_connects_when_the_levy_feature_is_off(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    db_reads.execute(
        db,
        "insert into public.project_integration_features"
        " (project_integration_id, feature_id, is_enabled)"
        " select %s, f.id, false from public.integration_features as f"
        " where f.key = 'paye_levy_declarations'",
        world.integrations["hmrc"],
    )

    asked = await _connect_vat_only_application(functions_client, sandboxes, world, db)

    assert asked.split() == VAT_ONLY


async def test_vat_only_application_connects_when_the_setting_names_its_scopes(
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HMRC_SCOPES", "read:vat write:vat")  # HMRC's spec reads it per use

    asked = await _connect_vat_only_application(functions_client, sandboxes, world, db)

    assert asked.split() == VAT_ONLY
