"""A busy project flooding the Companies House key (one budget for every project) cannot
starve a quiet one: real worker processes, the Companies House sandbox and the budget in
PostgreSQL (20 requests per 4 s here, the same shape as 600 per 5 minutes, faster).

The busy project runs four actions over 34 linked companies at once; once it is under
way, the quiet project asks for one company profile. Without a per-project share the busy
project takes every slot of the window and the quiet request waits for the next one;
with it (a quarter: 5 of 20) the quiet request is answered at once. The figures are
printed (run with -s to see them)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sandboxes.companies_house.seed_rows import COMPANIES
from sandboxes.testing import sandbox_requests, start_sandbox
from tests.py.companies_house.conftest import API_KEY, ChWorld
from tests.py.provider_world import wait_for
from tests.testdb import Database

CAPACITY = 20
WINDOW_SECONDS = 4.0
BUSY_ACTIONS = (
    "ch_company_refresh",
    "ch_officers",
    "ch_filing_history",
    "ch_persons_with_significant_control",
)


def _company_requests(sandbox: Any) -> list[dict[str, Any]]:
    return [r for r in sandbox_requests(sandbox) if "/company/" in r.get("path", "")]


def test_busy_project_cannot_starve_a_quiet_one_of_the_shared_key(
    db: Database, tmp_path: Path
) -> None:
    numbers = [row.number for row in COMPANIES]
    busy_numbers, quiet_number = numbers[:-1], numbers[-1]
    with start_sandbox("companies_house", api_keys=[API_KEY]) as sandbox:
        ch = ChWorld(db, tmp_path, {"COMPANIES_HOUSE_BASE_URL": sandbox.base_url})
        ch.sql("select public.integration_set_api_key('companies_house', %s)", (API_KEY,))
        ch.sql("select private.record_global_credential_test('companies_house', true)")
        ch.sql(
            "select private.rate_budget_define('companies_house', %s, make_interval(secs => %s))",
            (CAPACITY, WINDOW_SECONDS),
        )
        busy, busy_integration = ch.add_project("Busy")
        _quiet, quiet_integration = ch.add_project("Quiet")
        ch.sql(
            "with r as (insert into public.project_relationships (project_id, entity_type,"
            " display_name) select %s, 'Business', n from unnest(%s::text[]) as n"
            " returning id, display_name)"
            " insert into public.integration_entity_mappings (project_integration_id,"
            " entity_type, internal_id, external_id)"
            " select %s, 'company', r.id::text, r.display_name from r",
            (busy, busy_numbers, busy_integration),
        )
        try:
            ch.start_workers(1, concurrency=8)
            for action in BUSY_ACTIONS:
                ch.enqueue(busy_integration, action)

            wait_for(
                lambda: len(_company_requests(sandbox)) >= CAPACITY // 4,
                30,
                "the busy project under way",
            )
            time.sleep(0.3)
            queued_at = time.time()
            [log] = ch.wait_final(
                [
                    ch.enqueue(
                        quiet_integration,
                        "ch_company_profile",
                        params={"company_number": quiet_number},
                    )
                ],
                timeout=30,
            )
            requests = _company_requests(sandbox)
        finally:
            ch.stop_workers()
    [served] = [r for r in requests if quiet_number in r["path"]]
    busy_at = [r["at"] for r in requests if quiet_number not in r["path"]]
    # a slot serves a second request a window after the first was answered at the earliest
    busy_in_first_window = len([at for at in busy_at if at < min(busy_at) + WINDOW_SECONDS * 0.9])
    waited = served["at"] - queued_at
    print(
        f"\nquiet project's request reached Companies House {waited:.2f} s after it was queued;"
        f" the busy project sent {busy_in_first_window} requests in its first window"
        f" (budget {CAPACITY} per {WINDOW_SECONDS:g} s)"
    )
    assert log["status"] == "success", log["error_message"]
    assert 429 not in [r["status"] for r in requests]
    assert waited < WINDOW_SECONDS / 2, f"the quiet project waited {waited:.2f} s for a slot"
    assert busy_in_first_window <= CAPACITY // 4, "the busy project took more than its share"
