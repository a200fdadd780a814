"""Proves, in headless Chromium (Debian's chromium, Playwright) against the real `plugboard
functions` server and the QuickBooks and Companies House sandboxes: an owner connects the
GB project to QuickBooks from its Configuration card through the real OAuth round trip
(the sandbox's consent page, clicked through; cancelled there first, which the card then
says), lands back on Configuration showing Connected; disconnects after a confirmation
page (Disconnected, the grant revoked at the sandbox); the history shows the connect and
the disconnect under the owner's name; the Companies House card shows the key's state
(not set, then set by the operator) and its "Test connection" button shows the outcome
(failed without a key, passed with it). Every page passes axe-core with no serious
violation; screenshots go to test-output/console/.

Over HTTP: a member without integration:manage gets 403 on the connect, disconnect and
test POSTs, the owner's own form posted from another site gets 403, and a person of another
project cannot connect or disconnect this project's integrations; nothing changes."""

from __future__ import annotations

import re

import httpx
import psycopg
from playwright.sync_api import Browser, expect
from psycopg.types.json import Jsonb

from tests.py.connections.conftest import CH_KEY, Sandboxes, World
from tests.py.console.conftest import STRANGER, STRANGERS_PROJECT, Functions
from tests.py.console.test_owner_and_member_in_a_browser import (  # noqa: F401
    _shot,
    browser,
)
from tests.py.console.test_pages_answer_only_what_the_person_may_do import signed_in
from tests.testdb import Database

CONFIGURATION = "/setup/integrations/configuration"


def _status(db: Database, integration_id: object) -> str:
    with psycopg.connect(db.url) as conn:
        row = conn.execute(
            "select status::text from public.project_integrations where id = %s",
            (integration_id,),
        ).fetchone()
    assert row is not None
    return str(row[0])


def test_an_owner_connects_and_disconnects_quickbooks_and_tests_companies_house(
    db: Database,
    world: World,
    sandboxes: Sandboxes,
    functions_on_sandboxes: Functions,
    browser: Browser,  # noqa: F811
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update auth.users set raw_user_meta_data = %s where id = %s",
            (Jsonb({"full_name": "Olivia Owner"}), world.owner_id),
        )
    owner = browser.new_context().new_page()
    owner.goto(functions_on_sandboxes.sign_in_link("owner@test.invalid"))
    owner.goto(f"{functions_on_sandboxes.base_url}{CONFIGURATION}?project={world.project_id}")

    # Connect: the card's button → the sandbox's consent page → back on Configuration
    quickbooks = owner.get_by_role("region", name="QuickBooks Online")
    expect(quickbooks.locator(".status")).to_have_text("Pending")
    expect(quickbooks.get_by_role("button", name="Disconnect")).to_have_count(0)
    _shot(owner, "connect_before")
    # Cancel at the consent page: back on Configuration, told why, nothing connected
    quickbooks.get_by_role("button", name="Connect", exact=True).click()
    owner.get_by_role("button", name="Cancel").click()
    quickbooks = owner.get_by_role("region", name="QuickBooks Online")
    expect(quickbooks.get_by_role("status")).to_contain_text(
        "QuickBooks Online was not connected: Access was not granted at QuickBooks"
    )
    expect(quickbooks.locator(".status")).to_have_text("Pending")
    _shot(owner, "connect_cancelled")
    quickbooks.get_by_role("button", name="Connect", exact=True).click()
    expect(owner.get_by_role("heading", name="Connect your QuickBooks company")).to_be_visible()
    assert owner.url.startswith(f"{sandboxes.quickbooks.base_url}/connect/oauth2?"), owner.url
    owner.get_by_role("button", name="Connect", exact=True).click()
    expect(owner).to_have_url(re.compile(re.escape(CONFIGURATION) + r"\?project=.*connected="))
    quickbooks = owner.get_by_role("region", name="QuickBooks Online")
    expect(quickbooks.locator(".status")).to_have_text("Connected")
    expect(quickbooks.get_by_role("status")).to_have_text("QuickBooks Online is connected.")
    expect(quickbooks.get_by_role("button", name="Reconnect")).to_be_visible()
    assert _status(db, world.integrations["quickbooks"]) == "Connected"
    _shot(owner, "connect_connected")

    # Disconnect: a confirmation page first, then Disconnected and the grant revoked
    quickbooks.get_by_role("button", name="Disconnect").click()
    expect(owner.get_by_role("heading", name="Disconnect QuickBooks Online?")).to_be_visible()
    assert _status(db, world.integrations["quickbooks"]) == "Connected"
    _shot(owner, "disconnect_confirm")
    owner.get_by_role("button", name="Yes, disconnect QuickBooks Online").click()
    quickbooks = owner.get_by_role("region", name="QuickBooks Online")
    expect(quickbooks.locator(".status")).to_have_text("Disconnected")
    expect(quickbooks.get_by_role("status")).to_have_text("QuickBooks Online is disconnected.")
    expect(quickbooks.get_by_role("button", name="Connect", exact=True)).to_be_visible()
    revoked = httpx.get(f"{sandboxes.quickbooks.base_url}/_sandbox/requests", timeout=10).json()
    assert any("/revoke" in str(record.get("path", "")) for record in revoked), revoked

    history = owner.locator("#history tbody tr")
    for action in ("connect", "disconnect"):
        change = history.filter(has_text="Olivia Owner").filter(
            has=owner.get_by_role("cell", name=action, exact=True)
        )
        expect(change).to_have_count(1)
    _shot(owner, "disconnect_done")

    # Companies House: no key yet, the test fails and says so; the operator sets the key,
    # the test passes and the integration is Connected
    companies_house = owner.get_by_role("region", name="Companies House")
    expect(companies_house).to_contain_text("API key: not set")
    expect(companies_house).to_contain_text("Only Plugboard's operator sets it")
    companies_house.get_by_role("button", name="Test connection").click()
    companies_house = owner.get_by_role("region", name="Companies House")
    expect(companies_house.get_by_role("status")).to_contain_text(
        "Companies House failed the connection test"
    )
    _shot(owner, "companies_house_test_failed")
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute("set role service_role")
        conn.execute("select public.integration_set_api_key('companies_house', %s)", (CH_KEY,))
    owner.reload()
    companies_house = owner.get_by_role("region", name="Companies House")
    expect(companies_house).to_contain_text("API key: set, not tested yet")
    companies_house.get_by_role("button", name="Test connection").click()
    companies_house = owner.get_by_role("region", name="Companies House")
    expect(companies_house.get_by_role("status")).to_have_text(
        "Companies House passed the connection test."
    )
    expect(companies_house.locator(".status")).to_have_text("Connected")
    expect(companies_house).to_contain_text("API key: set, last accepted on")
    assert CH_KEY not in owner.content()
    _shot(owner, "companies_house_test_passed")
    owner.set_viewport_size({"width": 360, "height": 800})
    owner.reload()
    width = owner.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the Configuration page is {width} px wide at a 360 px viewport"


def _posts(world: World) -> dict[str, dict[str, str]]:
    project = str(world.project_id)
    return {
        "connect": {"project": project, "provider": "quickbooks"},
        "disconnect": {"project": project, "provider": "quickbooks", "confirm": "yes"},
        "test": {"project": project, "provider": "companies_house"},
    }


def _changes(db: Database, world: World) -> tuple[object, ...]:
    """What a refused POST must leave as it was: OAuth states started, the integrations'
    statuses, their history and sync logs."""
    with psycopg.connect(db.url) as conn:
        row = conn.execute(
            "select (select count(*) from private.oauth_states),"
            " (select array_agg(status::text order by id) from public.project_integrations),"
            " (select count(*) from public.integration_config_history),"
            " (select count(*) from public.integration_sync_logs)"
        ).fetchone()
    assert row is not None
    return tuple(row)


def test_a_member_a_stranger_and_another_site_cannot_connect_or_disconnect(
    db: Database, world: World, functions_server: Functions
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update public.project_integrations set status = 'Connected' where id = %s",
            (world.integrations["quickbooks"],),
        )
        conn.execute(STRANGERS_PROJECT)
    before = _changes(db, world)
    with signed_in(functions_server, "member@test.invalid") as member:
        for action, form in _posts(world).items():
            answer = member.post(f"{CONFIGURATION}/{action}", data=form)
            assert answer.status_code == 403, (action, answer.status_code)
    with signed_in(functions_server, STRANGER) as stranger:
        for action, form in _posts(world).items():
            answer = stranger.post(f"{CONFIGURATION}/{action}", data=form)
            assert answer.status_code == 404, (action, answer.status_code)
            assert "not one of yours" in answer.text
    with signed_in(functions_server, "owner@test.invalid") as owner:
        for action, form in _posts(world).items():
            answer = owner.post(
                f"{CONFIGURATION}/{action}", data=form,
                headers={"Origin": "https://elsewhere.example"},
            )  # fmt: skip
            assert answer.status_code == 403, (action, answer.status_code)
        # the owner's Disconnect without confirmation only asks
        asked = owner.post(
            f"{CONFIGURATION}/disconnect",
            data={"project": str(world.project_id), "provider": "quickbooks"},
        )
        assert asked.status_code == 200
        assert "Yes, disconnect QuickBooks Online" in asked.text
    assert _changes(db, world) == before
