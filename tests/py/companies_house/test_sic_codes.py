"""The SIC code reference refresh (feature sic_codes, action ch_sic_codes) by a real worker
over real HTTP: it reads `sic_descriptions` from an api-enumerations constants.yml (served
here from the test's own directory, built from the list the migration seeded, with one
description changed, one code gone and one new), updates the global rows, and the
sic_code_search client action finds what changed. A file without the section fails the
run and changes nothing."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import yaml

from tests.py.companies_house.conftest import ChWorld
from tests.py.provider_world import member_claims

RENAMED, GONE, NEW = "62012", "0111", "99998"


@pytest.fixture
def enumerations(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A directory served over HTTP, and its base URL."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _sic_rows(ch: ChWorld) -> dict[str, tuple[str, bool]]:
    rows = ch.sql(
        "select r.code, r.name, r.is_active from public.integration_reference_data as r"
        " join public.integration_providers as p on p.id = r.provider_id"
        " where p.key = 'companies_house' and r.kind = 'sic_code'"
        " and r.project_integration_id is null"
    )
    return {row["code"]: (row["name"], row["is_active"]) for row in rows}


def _search(ch: ChWorld, user: UUID, params: dict[str, Any]) -> dict[str, Any]:
    row = ch.one(
        "select public.integration_client_action('companies_house', 'sic_code_search', %s) as r",
        (json.dumps(params),),
        claims=member_claims(user),
    )
    result: dict[str, Any] = row["r"]
    return result


def test_sic_refresh_updates_the_searchable_reference_data(
    ch: ChWorld, enumerations: tuple[Path, str]
) -> None:
    assert ch.project_id is not None
    served, base_url = enumerations
    seeded = _sic_rows(ch)
    assert len(seeded) == 1265 and all(active for _, active in seeded.values())
    published = {code: name for code, (name, _) in seeded.items() if code != GONE}
    published[RENAMED] = "Business and domestic software development (revised)"
    published[NEW] = "Sandbox test activity"
    (served / "constants.yml").write_text(
        yaml.safe_dump({"sic_descriptions": published, "company_status": {"active": "Active"}})
    )
    (served / "empty.yml").write_text(yaml.safe_dump({"company_status": {"active": "Active"}}))
    member = ch.add_member(ch.project_id, "project:member")

    ch.env["PLUGBOARD_COMPANIES_HOUSE_ENUMERATIONS_URL"] = f"{base_url}/constants.yml"
    ch.start_workers()
    [log] = ch.wait_final(ch.request_sync("sic_codes"))
    assert log["status"] == "success", log["error_message"]
    assert log["records_processed"] == 1265
    counts = {k: log["details"][k] for k in ("created", "updated", "unchanged", "deactivated")}
    assert counts == {"created": 1, "updated": 1, "unchanged": 1263, "deactivated": 1}

    now = _sic_rows(ch)
    assert now[NEW] == ("Sandbox test activity", True)
    assert now[GONE] == (seeded[GONE][0], False)  # kept for history, no longer offered
    found = _search(ch, member, {"query": "sandbox test"})
    assert found["data"]["results"] == [
        {"code": NEW, "description": "Sandbox test activity", "version": "2007"}
    ]
    assert _search(ch, member, {"code": RENAMED})["data"]["description"].endswith("(revised)")
    assert [e["code"] for e in _search(ch, member, {"code": GONE})["errors"]] == [
        "unknown_sic_code"
    ]

    ch.stop_workers()
    ch.env["PLUGBOARD_COMPANIES_HOUSE_ENUMERATIONS_URL"] = f"{base_url}/empty.yml"
    ch.start_workers()
    [broken] = ch.wait_final(ch.request_sync("sic_codes"))
    assert (broken["status"], broken["error_code"]) == ("failed", "sic_codes_missing")
    assert _sic_rows(ch) == now
    assert ch.integration()["status"] == "Connected"
