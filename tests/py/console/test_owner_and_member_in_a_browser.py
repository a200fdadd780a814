"""Proves, in headless Chromium (Debian's chromium, driven by Playwright) against the real
`plugboard functions` server: an owner signs in through `plugboard console`'s one-time link,
sees today's runs in the 30-day chart and a pending run reach success without a reload,
filters the logs (the filters stay in the URL) and opens a failed run's detail; turns a
feature off and on, gives a scheduled feature a bad cron (the validation message shows at
the field) then a good one, has a UTR refused at its field then saves a good one, and sees
the four changes in the history under their name; the pages lay out at 360 px. A member
without the integration permissions sees no Setup > Integrations entry and gets 403 on both
pages; a used link does not sign in again. Every page passes an axe-core scan with no
serious violation; screenshots of each go to test-output/console/."""

from __future__ import annotations

import re
from collections.abc import Iterator

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from psycopg.types.json import Jsonb

from python_workers.config import REPO_ROOT
from tests.py.connections.conftest import World
from tests.py.console.conftest import Functions
from tests.testdb import Database

SHOTS = REPO_ROOT / "test-output" / "console"
PENDING_LOG = """
insert into public.integration_sync_logs (
    project_id, project_integration_id, provider_id, trigger_type, direction, action
)
select project_id, id, provider_id, 'on_manual', 'inbound', 'company_info'
from public.project_integrations where id = %(qbo)s
"""
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SEED_LOGS = """
insert into public.integration_sync_logs (
    project_id, project_integration_id, provider_id, feature_id, trigger_type, direction,
    action, status, records_processed, records_failed, error_code, error_message, attempt,
    details, started_at, finished_at, requested_by
)
select
    pi.project_id, pi.id, pi.provider_id, f.id, 'on_manual', 'outbound', 'sync_vendor',
    s.status::public.sync_status, 3, s.failed, s.code, s.message, 2,
    '{"params": {"entity_ids": ["v-1"]}}', now() - interval '2 seconds', now(), %(owner)s
from public.project_integrations as pi
inner join public.integration_features as f on pi.provider_id = f.provider_id
cross join (values
    ('success', 0, null, null),
    ('failed', 1, 'QBO_DUPLICATE_NAME', 'Another vendor has this name: rename one')
) as s (status, failed, code, message)
where pi.id = %(qbo)s
    and f.key = (
        select min(first.key) from public.integration_features as first
        where first.provider_id = pi.provider_id
    )
"""


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        yield launched
        launched.close()


def _seed_logs(db: Database, world: World) -> None:
    """The owner's name, and two QuickBooks runs: one succeeded, one failed."""
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update auth.users set raw_user_meta_data = %s where id = %s",
            (Jsonb({"full_name": "Olivia Owner"}), world.owner_id),
        )
        conn.execute(SEED_LOGS, {"owner": world.owner_id, "qbo": world.integrations["quickbooks"]})


def _shot(page: Page, name: str) -> None:
    """The page has no serious or critical accessibility violation (axe-core, from npm);
    then its screenshot."""
    page.add_script_tag(path=str(AXE))
    serious = page.evaluate(
        """async () => (await axe.run()).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert serious == [], f"{name}: {serious}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_owner_reads_logs_and_switches_a_feature_a_member_is_refused(
    db: Database, world: World, functions_server: Functions, browser: Browser
) -> None:
    _seed_logs(db, world)
    owner = browser.new_context().new_page()

    link = functions_server.sign_in_link("owner@test.invalid")
    owner.goto(link)
    nav = owner.get_by_role("navigation", name="Setup > Integrations")
    expect(nav.get_by_role("link", name="Configuration")).to_be_visible()
    expect(nav.get_by_role("link", name="Logs")).to_be_visible()

    # Logs: filter on failed runs, the filter in the URL, then the run's detail
    nav.get_by_role("link", name="Logs").click()
    expect(owner.get_by_role("heading", name="Logs", level=1)).to_be_visible()
    expect(owner.locator("tbody tr")).to_have_count(2)
    today = owner.locator("svg.chart g.day title").last
    expect(today).to_have_text(re.compile(r": 1 succeeded, 1 failed, 0 pending or running$"))
    _shot(owner, "logs")

    # a pending run reaches its final status on the open page, without a reload
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(PENDING_LOG, {"qbo": world.integrations["quickbooks"]})
    owner.reload()
    pending = owner.locator("tbody tr").filter(has_text="pending")
    expect(pending).to_have_count(1)
    owner.evaluate("window.stillThisPage = true")
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update public.integration_sync_logs set status = 'success', started_at = now(),"
            " finished_at = now() where action = 'company_info' and status = 'pending'"
        )
    expect(owner.locator("tbody tr").filter(has_text="pending")).to_have_count(0, timeout=10_000)
    expect(owner.locator("tbody tr .status-success")).to_have_count(2)
    assert owner.evaluate("window.stillThisPage === true"), "the page was reloaded"
    owner.get_by_label("Status", exact=True).select_option("failed")
    owner.get_by_role("button", name="Filter").click()
    expect(owner).to_have_url(re.compile(r"[?&]status=failed(&|$)"))
    expect(owner.locator("tbody tr")).to_have_count(1)
    _shot(owner, "logs_failed")
    owner.locator("tbody tr a").first.click()
    expect(owner.get_by_text("QBO_DUPLICATE_NAME")).to_be_visible()
    expect(owner.get_by_text("Another vendor has this name: rename one")).to_be_visible()
    expect(owner.get_by_text("2000 ms")).to_be_visible()
    _shot(owner, "log_detail")

    # Configuration: a QuickBooks feature off, then on; the history names the owner
    owner.get_by_role("navigation", name="Setup > Integrations").get_by_role(
        "link", name="Configuration"
    ).click()
    card = owner.get_by_role("region", name="QuickBooks Online")
    switch = card.get_by_role("switch").first
    expect(switch).to_have_attribute("aria-checked", "true")
    switch.click()
    switch = owner.get_by_role("region", name="QuickBooks Online").get_by_role("switch").first
    expect(switch).to_have_attribute("aria-checked", "false")
    switch.click()
    expect(
        owner.get_by_role("region", name="QuickBooks Online").get_by_role("switch").first
    ).to_have_attribute("aria-checked", "true")
    # a schedule, in the trigger form: a bad cron shows the RPC's message at the field, a
    # good one is saved
    chart = owner.locator("#feature-chart_of_accounts")
    chart.get_by_text("Change the trigger of Sync Chart of Accounts").click()
    schedule = chart.get_by_label("Schedule (cron, UTC; for Schedule)")
    schedule.fill("every tuesday")
    schedule.press("Enter")
    chart = owner.locator("#feature-chart_of_accounts")
    schedule = chart.get_by_label("Schedule (cron, UTC; for Schedule)")
    expect(schedule).to_have_attribute("aria-invalid", "true")
    expect(chart.locator(".field-error")).to_contain_text("schedule")
    _shot(owner, "configuration_bad_schedule")
    schedule.fill("45 4 * * *")
    schedule.press("Enter")
    chart = owner.locator("#feature-chart_of_accounts")
    expect(chart).to_contain_text("45 4 * * *")  # the trigger in words
    expect(owner.locator(".field-error")).to_have_count(0)

    # HMRC references: a UTR failing its check digit is refused at the field, a good one saved
    hmrc = owner.get_by_role("region", name="HMRC")
    hmrc.get_by_label("Corporation Tax UTR").fill("1234567890")
    hmrc.get_by_role("button", name="Save the references").click()
    utr = owner.get_by_role("region", name="HMRC").get_by_label("Corporation Tax UTR")
    expect(utr).to_have_attribute("aria-invalid", "true")
    expect(owner.locator("#hmrc-utr-error")).to_contain_text("check digit")
    _shot(owner, "configuration_bad_utr")
    utr.fill("2234567890")
    owner.get_by_role("region", name="HMRC").get_by_role(
        "button", name="Save the references"
    ).click()
    expect(
        owner.get_by_role("region", name="HMRC").get_by_label("Corporation Tax UTR")
    ).to_have_value("2234567890")
    expect(owner.locator("#hmrc-utr-error")).to_have_count(0)

    history = owner.locator("#history tbody tr")
    for action in ("disabled", "enabled", "trigger changed", "references changed"):
        change = history.filter(has_text="Olivia Owner").filter(
            has=owner.get_by_role("cell", name=action, exact=True)
        )
        expect(change).to_have_count(1)
    _shot(owner, "configuration")
    owner.set_viewport_size({"width": 360, "height": 800})
    owner.reload()
    width = owner.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the Configuration page is {width} px wide at a 360 px viewport"
    _shot(owner, "configuration_360")

    # the link worked once
    again = browser.new_context().new_page()
    assert again.goto(link) is not None
    expect(again.get_by_role("alert")).to_contain_text("used already")

    # a member without the permissions: no entries, 403 on both pages
    member = browser.new_context().new_page()
    member.goto(functions_server.sign_in_link("member@test.invalid"))
    expect(member.get_by_role("heading", name="Not allowed")).to_be_visible()
    expect(member.get_by_role("link", name="Logs")).to_have_count(0)
    expect(member.get_by_role("link", name="Configuration")).to_have_count(0)
    _shot(member, "member_refused")
    for path in ("/setup/integrations/logs", "/setup/integrations/configuration"):
        answer = member.goto(f"{functions_server.base_url}{path}?project={world.project_id}")
        assert answer is not None and answer.status == 403, path
