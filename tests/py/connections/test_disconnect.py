"""Disconnect: QuickBooks revokes the grant at the provider; the credential and its Vault
secret are deleted; the status is Disconnected; mappings and sync logs stay. HMRC has no
revocation endpoint: the local credential goes all the same."""

from __future__ import annotations

import httpx
import psycopg
import pytest

from python_workers.credentials.errors import CredentialRejected
from python_workers.providers.contract import Credential
from sandboxes.testing import sandbox_counters
from tests.py.connections import db_reads
from tests.py.connections.browser import connect
from tests.py.connections.conftest import Sandboxes, World
from tests.py.connections.qbo_calls import company_name, token_grant
from tests.testdb import Database

pytestmark = pytest.mark.anyio


def _vault_secret_exists(db: Database, secret_id: object) -> bool:
    with psycopg.connect(db.admin_url) as conn:
        row = conn.execute("select exists (select from vault.secrets where id = %s)", (secret_id,))
        found = row.fetchone()
    return bool(found and found[0])


async def test_disconnect_revokes_at_quickbooks_and_deletes_the_credential(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    assert (await connect(functions_client, sandboxes, "quickbooks", world)).status_code == 200
    integration_id = world.integrations["quickbooks"]
    stored = db_reads.credential(db, integration_id)
    assert stored is not None
    db_reads.execute(
        db,
        "insert into public.integration_entity_mappings"
        " (project_integration_id, entity_type, internal_id, external_id)"
        " values (%s, 'account', '6000', '56')",
        integration_id,
    )
    params = {"project_id": str(world.project_id)}

    refused = await functions_client.post(
        "/oauth/quickbooks/disconnect", params=params, headers=world.auth(world.member_id)
    )
    assert refused.status_code == 403
    response = await functions_client.post(
        "/oauth/quickbooks/disconnect", params=params, headers=world.auth(world.owner_id)
    )

    assert response.status_code == 200, response.text
    assert response.json() == {"status": "Disconnected", "revoked": True, "revocation_error": None}
    assert sandbox_counters(sandboxes.quickbooks)["revoke_calls"] == 1
    with pytest.raises(CredentialRejected):
        await company_name(
            sandboxes.quickbooks, Credential(access_token=stored["secret"]["access_token"])
        )
    assert token_grant(sandboxes.quickbooks, stored["secret"]["refresh_token"]).status_code == 400
    assert db_reads.credential(db, integration_id) is None
    assert not _vault_secret_exists(db, stored["vault_secret_id"])
    row = db_reads.integration(db, integration_id)
    assert (row["status"], row["connected_at"], row["connection_expires_at"]) == (
        "Disconnected",
        None,
        None,
    )
    with psycopg.connect(db.admin_url) as conn:
        mappings = conn.execute(
            "select count(*) from public.integration_entity_mappings"
            " where project_integration_id = %s",
            (integration_id,),
        ).fetchone()
    assert mappings == (1,)
    actions = [(log["action"], log["status"]) for log in db_reads.sync_logs(db, integration_id)]
    assert actions == [
        ("connect", "success"),
        ("testConnection", "success"),
        ("disconnect", "success"),
    ]


async def test_disconnect_hmrc_deletes_the_credential_without_revocation(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    assert (await connect(functions_client, sandboxes, "hmrc", world)).status_code == 200
    integration_id = world.integrations["hmrc"]
    response = await functions_client.post(
        "/oauth/hmrc/disconnect",
        params={"project_id": str(world.project_id)},
        headers=world.auth(world.owner_id),
    )
    assert response.json()["revoked"] is None
    assert db_reads.credential(db, integration_id) is None
    assert db_reads.integration(db, integration_id)["status"] == "Disconnected"


async def test_deleting_a_project_integration_deletes_its_vault_secret(
    functions_client: httpx.AsyncClient, sandboxes: Sandboxes, world: World, db: Database
) -> None:
    assert (await connect(functions_client, sandboxes, "quickbooks", world)).status_code == 200
    stored = db_reads.credential(db, world.integrations["quickbooks"])
    assert stored is not None
    db_reads.execute(db, "delete from public.projects where id = %s", world.project_id)
    assert not _vault_secret_exists(db, stored["vault_secret_id"])
