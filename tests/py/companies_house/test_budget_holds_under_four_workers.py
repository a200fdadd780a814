"""The one API key's budget (600 requests per 5 minutes, kept in PostgreSQL) holds across 4
worker processes refreshing 2,000 linked companies: the sandbox, which enforces the same
limit, never answers 429.

Time is scaled so this runs in seconds: the sandbox starts with time_scale=100 (its
5-minute window lasts 3 s) and the database budget is redefined to 600 per 3 seconds —
the same limit, a hundred times faster. 2,000 requests need at least 3 windows, so the
budget is really exercised (about 9-10 s in all)."""

from __future__ import annotations

from pathlib import Path

from sandboxes.companies_house.seed_rows import COMPANIES
from sandboxes.testing import sandbox_counters, sandbox_requests, start_sandbox
from tests.py.companies_house.conftest import API_KEY, ChWorld
from tests.testdb import Database

COMPANY_COUNT = 2000


def test_four_workers_2000_companies_no_429(db: Database, tmp_path: Path) -> None:
    numbers = [row.number for row in COMPANIES]
    with start_sandbox("companies_house", api_keys=[API_KEY], time_scale=100) as sandbox:
        ch = ChWorld(db, tmp_path, {"COMPANIES_HOUSE_BASE_URL": sandbox.base_url})
        ch.sql("select public.integration_set_api_key('companies_house', %s)", (API_KEY,))
        ch.sql("select private.record_global_credential_test('companies_house', true)")
        ch.sql("select private.rate_budget_define('companies_house', 600, interval '3 seconds')")
        integrations = []
        for start in range(0, COMPANY_COUNT, len(numbers)):
            project, integration = ch.add_project(f"P{start}")
            integrations.append(integration)
            ch.sql(
                "with r as (insert into public.project_relationships (project_id, entity_type,"
                " display_name) select %s, 'Business', n from unnest(%s::text[]) as n"
                " returning id, display_name)"
                " insert into public.integration_entity_mappings (project_integration_id,"
                " entity_type, internal_id, external_id)"
                " select %s, 'company', r.id::text, r.display_name from r",
                (project, numbers[: min(len(numbers), COMPANY_COUNT - start)], integration),
            )
        log_ids = [ch.enqueue(i, "ch_company_refresh", "company_refresh") for i in integrations]
        try:
            ch.start_workers(4, concurrency=4)
            logs = ch.wait_final(log_ids, timeout=120)
        finally:
            ch.stop_workers()
        assert {log["status"] for log in logs} == {"success"}, [
            log["error_message"] for log in logs
        ]
        assert sum(log["records_processed"] for log in logs) == COMPANY_COUNT
        statuses = [
            r.get("status") for r in sandbox_requests(sandbox) if "/company/" in r.get("path", "")
        ]
        assert 429 not in statuses, sandbox_counters(sandbox)
        # at least one profile request per company (a run retried after a stall asks again)
        assert len(statuses) >= COMPANY_COUNT
