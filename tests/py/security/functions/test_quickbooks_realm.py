"""QuickBooks' realmId in the callback is a query parameter anyone can change: it is checked
against the token just issued (CompanyInfo of that realm) before anything is stored. A
realm the token cannot read gets the grant revoked, a page saying so, and no writes."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest

from sandboxes.quickbooks.state import US_REALM
from sandboxes.testing import sandbox_counters
from tests.py.connections.browser import consent, start
from tests.py.connections.conftest import Sandboxes, World
from tests.py.security.functions.writes import project_writes
from tests.testdb import Database

pytestmark = pytest.mark.anyio


def _without_states(writes: dict[str, list[object]]) -> dict[str, list[object]]:
    """The callback uses its state up (that is all it may write)."""
    return {name: rows for name, rows in writes.items() if name != "oauth_states"}


@pytest.mark.parametrize("realm", [US_REALM, "", "../../9341455000000001"])
async def test_quickbooks_realm_checked(
    realm: str,
    functions_client: httpx.AsyncClient,
    sandboxes: Sandboxes,
    world: World,
    db: Database,
) -> None:
    # the person chose the GB company; the realmId coming back says another one
    answered = consent(
        sandboxes, "quickbooks", await start(functions_client, "quickbooks", world, world.owner_id)
    )
    before = _without_states(project_writes(db, world.project_id))
    changed = {**answered.params, "realmId": realm}
    page = await functions_client.get("/oauth/quickbooks/callback?" + urlencode(changed))

    assert page.status_code == 400
    assert "account_not_granted" in page.text and "stored nothing" in page.text
    assert _without_states(project_writes(db, world.project_id)) == before
    counters = sandbox_counters(sandboxes.quickbooks)
    assert counters["token_calls_authorization_code"] == 1
    assert counters.get("revoke_calls", 0) == 1
    assert counters.get("token_calls_refresh_token", 0) == 0
