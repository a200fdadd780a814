"""Proves, in headless Chromium against the real `plugboard functions` server, a real
`plugboard worker` process and the QuickBooks sandbox: an owner connects the GB project to
QuickBooks from its Configuration card, presses "Sync now" on a manual feature (Company
info), opens the Logs and watches the new run's row go from waiting to Success without a
reload, then opens its detail (started by them). Screenshots go to test-output/console/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from python_workers.config import REPO_ROOT
from tests.py.connections.conftest import Sandboxes, World, sandbox_environment
from tests.py.console.conftest import Functions
from tests.py.console.test_owner_and_member_in_a_browser import (  # noqa: F401
    _shot,
    browser,
)
from tests.testdb import Database

CONFIGURATION = "/setup/integrations/configuration"
LOGS = "/setup/integrations/logs"
FAST = ["--poll-seconds", "0.2", "--heartbeat-seconds", "0.5", "--stalled-after-seconds", "5"]


@pytest.fixture
def worker(db: Database, sandboxes: Sandboxes) -> Iterator[subprocess.Popen[bytes]]:
    """One `plugboard worker` on the test database, its providers pointed at the sandboxes."""
    environment = os.environ | sandbox_environment(sandboxes, db) | {"PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "worker", "--concurrency", "2", *FAST],
        cwd=REPO_ROOT, env=environment, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_owner_syncs_now_and_watches_the_run_succeed(
    world: World,
    functions_on_sandboxes: Functions,
    worker: subprocess.Popen[bytes],
    browser: Browser,  # noqa: F811
) -> None:
    owner = browser.new_context().new_page()
    owner.goto(functions_on_sandboxes.sign_in_link("owner@test.invalid"))
    base = functions_on_sandboxes.base_url
    owner.goto(f"{base}{CONFIGURATION}?project={world.project_id}")
    quickbooks = owner.get_by_role("region", name="QuickBooks Online")
    quickbooks.get_by_role("button", name="Connect", exact=True).click()
    owner.get_by_role("button", name="Connect", exact=True).click()  # the consent page
    quickbooks = owner.get_by_role("region", name="QuickBooks Online")
    expect(quickbooks.locator(".status")).to_have_text("Connected")

    quickbooks.get_by_role("button", name="Sync now: Company info").click()
    expect(owner).to_have_url(
        re.compile(re.escape(f"{base}{CONFIGURATION}?project={world.project_id}"))
    )
    _shot(owner, "sync_now_requested")

    owner.goto(f"{base}{LOGS}?project={world.project_id}")
    run = owner.locator("tbody tr").filter(has_text="Company info").first
    expect(run).to_contain_text("Manual (Sync now)")
    # the row asks for itself every 2 s until the worker has finished the run
    expect(run.locator(".status")).to_have_text("Success", timeout=60_000)
    assert worker.poll() is None
    _shot(owner, "sync_now_succeeded")
    run.get_by_role("link").click()
    started_by = owner.locator("dt", has_text="Started by").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(started_by).to_have_text("You")  # the owner pressed Sync now
    _shot(owner, "sync_now_detail")
