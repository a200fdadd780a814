"""Every Companies House server action through real worker processes, real HTTP to the
sandbox and the test's own database: testConnection with a good and a refused key, company
search, profile, officers, filing history and PSCs with every page followed (the sandbox
serves at most 10 items a page here), and an unknown company number, which fails its own
runs with a 404 "company not found" while the connection stays Connected."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any
from urllib.parse import parse_qs

from python_workers.config import REPO_ROOT
from sandboxes.testing import configure_sandbox, sandbox_requests, sandbox_state
from tests.py.companies_house.conftest import API_KEY, ChWorld
from tests.py.provider_world import SERVICE_ROLE, member_claims

PAGE = 10


def _pages(ch: ChWorld, path: str) -> list[str]:
    """The start_index of every request the sandbox served for `path`, in order."""
    assert ch.sandbox is not None
    return [
        parse_qs(r["query"]).get("start_index", [""])[0]
        for r in sandbox_requests(ch.sandbox)
        if r["path"] == path
    ]


def _cached(ch: ChWorld, kind: str, number: str) -> list[dict[str, Any]]:
    return ch.sql(
        "select external_id, name, code, data from public.integration_reference_data"
        " where project_integration_id = %s and kind = %s and parent_external_id = %s"
        " and is_active order by external_id",
        (ch.integration_id, kind, number),
    )


def test_test_connection_with_a_good_key_then_a_refused_one(ch: ChWorld) -> None:
    ch.start_workers()
    good = ch.run("testConnection")
    assert (good["status"], good["details"]["ok"]) == ("success", True)
    assert ch.integration()["status"] == "Connected"

    wrong = "wrong-ch-key-7f3a"
    ch.sql("select public.integration_set_api_key('companies_house', %s)", (wrong,))
    refused = ch.run("testConnection")
    assert (refused["status"], refused["error_code"]) == ("failed", "invalid_api_key")
    assert "refused the API key (401)" in refused["error_message"]
    assert len(refused["details"]["attempts"]) == 1  # a refused key is not retried
    assert ch.integration() == {
        "status": "Error",
        "last_error_code": "invalid_api_key",
        "last_error_message": refused["error_message"],
    }
    assert wrong not in json.dumps(refused, default=str)

    ch.sql("select public.integration_set_api_key('companies_house', %s)", (API_KEY,))
    assert ch.run("testConnection")["status"] == "success"
    assert ch.integration()["status"] == "Connected"


def test_company_search_follows_pages(ch: ChWorld) -> None:
    assert ch.sandbox is not None
    configure_sandbox(ch.sandbox, page_size_cap=4)
    ch.start_workers()
    log = ch.run("ch_company_search", query="limited", limit=100)
    assert log["status"] == "success", log["error_message"]
    details = log["details"]
    assert details["total"] == 15  # the register's names holding LIMITED
    assert log["records_processed"] == len(details["results"]) == 15
    assert len({r["company_number"] for r in details["results"]}) == 15
    assert all("LIMITED" in r["title"] for r in details["results"])
    assert _pages(ch, "/search/companies") == ["0", "4", "8", "12"]


def test_a_person_searches_the_register_through_the_rpc(ch: ChWorld) -> None:
    assert ch.project_id is not None
    ch.start_workers()
    owner = ch.add_member(ch.project_id, "project:owner")
    queued = ch.one(
        "select public.companies_house_search_companies(%s, '  limited ', 3) as r",
        (ch.integration_id,),
        claims=member_claims(owner),
    )["r"]
    assert queued["queued"] is True, queued
    [log] = ch.wait_final(queued["log_ids"])
    assert (log["action"], log["status"], log["requested_by"]) == (
        "ch_company_search", "success", owner,
    )  # fmt: skip
    assert log["details"]["query"] == "limited" and log["details"]["total"] == 15
    assert len(log["details"]["results"]) == log["records_processed"] == 3


def test_profile_officers_filings_and_pscs_with_every_page(ch: ChWorld) -> None:
    """Meridian has 40 officers and 110 filings (4 and 11 pages of 10); Pixelforge 2 PSCs."""
    assert ch.sandbox is not None and ch.project_id is not None
    configure_sandbox(ch.sandbox, page_size_cap=PAGE)
    register = sandbox_state(ch.sandbox)["companies"]
    meridian = ch.add_business(ch.project_id, "Meridian")
    pixelforge = ch.add_business(ch.project_id, "Pixelforge")
    linked = [ch.link(meridian, "06543210"), ch.link(pixelforge, "13579246")]
    ch.start_workers()
    logs = ch.wait_final([i for result in linked for i in result["log_ids"]])
    assert {(log["action"], log["status"]) for log in logs} == {
        ("ch_company_profile", "success"),
        ("ch_officers", "success"),
        ("ch_persons_with_significant_control", "success"),
    }
    [filings] = ch.wait_final(ch.request_sync("filing_history", [meridian]))
    assert filings["status"] == "success", filings["error_message"]
    assert filings["records_created"] == 110

    [profile] = _cached(ch, "company", "06543210")
    served = register["06543210"]["profile"]
    assert {key: profile["data"]["profile"][key] for key in served} == served
    officers = _cached(ch, "company_officer", "06543210")
    assert len(officers) == 40
    assert {o["name"] for o in officers} == {o["name"] for o in register["06543210"]["officers"]}
    assert _pages(ch, "/company/06543210/officers") == ["0", "10", "20", "30"]
    assert len(_cached(ch, "company_filing", "06543210")) == 110
    assert _pages(ch, "/company/06543210/filing-history") == [str(i) for i in range(0, 110, 10)]
    pscs = _cached(ch, "company_psc", "13579246")
    assert sorted(p["name"] for p in pscs) == sorted(
        p["name"] for p in register["13579246"]["pscs"]
    )
    assert all(p["data"]["natures_of_control"] for p in pscs)

    relationship = ch.one(
        "select legal_name, company_status from public.project_relationships where id = %s",
        (meridian,),
    )
    assert relationship["legal_name"] == "MERIDIAN CONSULTING GROUP PLC"
    assert relationship["company_status"] == "active"


def test_an_unknown_company_fails_its_runs_with_404_not_the_connection(ch: ChWorld) -> None:
    assert ch.project_id is not None
    ghost = ch.add_business(ch.project_id, "Ghost Ltd")
    linked = ch.link(ghost, "01234567")  # well formed, not on the register
    assert linked["linked"] is True
    ch.start_workers()
    logs = ch.wait_final(linked["log_ids"])
    assert len(logs) == 3
    for log in logs:
        assert (log["status"], log["error_code"]) == ("failed", "company_not_found"), log
        assert "no company 01234567 (404)" in log["error_message"]
        [attempt] = log["details"]["attempts"]  # not retried: the number is wrong
        assert attempt["error_details"] == {"company_number": "01234567", "http_status": 404}
    assert ch.integration() == {
        "status": "Connected",
        "last_error_code": None,
        "last_error_message": None,
    }
    assert _cached(ch, "company", "01234567") == []
    untouched = ch.one(
        "select legal_name, company_status from public.project_relationships where id = %s",
        (ghost,),
    )
    assert untouched == {"legal_name": None, "company_status": None}
    # a person can still read what happened, through the view client apps use
    seen = ch.sql(
        "select action, error_code from public.v_integration_sync_logs"
        " where project_integration_id = %s and status = 'failed'",
        (ch.integration_id,),
        claims=SERVICE_ROLE,
    )
    assert {row["error_code"] for row in seen} == {"company_not_found"}


def test_the_cli_searches_the_register_and_prints_the_matches(ch: ChWorld) -> None:
    ch.start_workers()
    result = subprocess.run(
        [sys.executable, "-m", "python_workers", "sync", "companies_house", "company_search",
         "limited", "--project", str(ch.project_id)],
        cwd=REPO_ROOT, env={**os.environ, "DATABASE_URL": ch.db.url, **ch.env, "COLUMNS": "200"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "company_search: 1 run(s)" in result.stdout
    [log] = ch.sql(
        "select details from public.integration_sync_logs where action = 'ch_company_search'"
    )
    matches = log["details"]["results"]
    assert matches and all(
        f"{m['company_number']}  {m['title']}" in result.stdout for m in matches
    ), result.stdout
