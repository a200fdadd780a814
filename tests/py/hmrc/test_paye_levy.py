"""PAYE as far as HMRC's documented REST APIs go: the paye_levy_declarations feature
fetches the Apprenticeship Levy declarations and English fractions of the project's
employer PAYE reference (read:apprenticeship-levy) from the sandbox over real HTTP,
caches them and shows them in v_hmrc_paye_levy_declarations; scope and reference
problems come back as errors a person can act on."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.py.hmrc.conftest import HmrcWorld
from tests.py.sandboxes.hmrc_client import ACCEPT, EMPREF, HmrcClient

VIEW = (
    "select * from public.v_hmrc_paye_levy_declarations where project_integration_id = %s"
    " order by submission_time desc"
)


def _run(hmrc: HmrcWorld) -> dict[str, Any]:
    hmrc.start_workers()
    log_id = hmrc.enqueue(
        hmrc.integration_id,  # type: ignore[arg-type]
        "hmrc_paye_levy_declarations",
        "paye_levy_declarations",
    )
    [log] = hmrc.wait_final([log_id])
    return log


def _sandbox_declarations(hmrc: HmrcWorld) -> list[dict[str, Any]]:
    assert hmrc.sandbox is not None and hmrc.client is not None
    response = httpx.get(
        f"{hmrc.sandbox.base_url}/apprenticeship-levy/epaye/123%2FAB12345/declarations",
        headers={"Accept": ACCEPT, "Authorization": f"Bearer {hmrc.client.access_token}"},
    )
    found: list[dict[str, Any]] = response.json()["declarations"]
    return found


def test_levy_declarations_and_fractions_cached_and_shown(hmrc: HmrcWorld) -> None:
    log = _run(hmrc)
    assert log["status"] == "success", (log["error_code"], log["error_message"])
    expected = _sandbox_declarations(hmrc)
    rows = hmrc.sql(VIEW, (hmrc.integration_id,))
    assert [r["declaration_id"] for r in rows] == [str(d["id"]) for d in expected]
    assert {r["employer_paye_reference"] for r in rows} == {EMPREF}
    assert {r["entry_type"] for r in rows} == {"levy_declaration", "no_payment"}
    levy = next(r for r in rows if r["entry_type"] == "levy_declaration")
    assert levy["levy_due_ytd"] == 250 * levy["tax_month"]
    assert levy["levy_allowance_for_full_year"] == 15000 and levy["tax_year"]
    fractions = hmrc.sql(
        "select data from public.integration_reference_data where kind = 'levy_fraction'"
        " and parent_external_id = %s order by external_id desc",
        (EMPREF,),
    )
    assert [f["data"]["fractions"][0]["value"] for f in fractions] == ["0.83", "0.78"]
    assert log["records_processed"] == len(expected) + 2
    assert log["details"]["declarations"]["created"] == len(expected)

    again = _run(hmrc)  # nothing new at HMRC: nothing changes
    assert again["status"] == "success" and again["records_created"] == 0
    assert again["records_skipped"] == len(expected) + 2


def test_a_person_can_ask_for_it_without_browser_values(hmrc: HmrcWorld) -> None:
    queued = hmrc.rpc("integration_request_sync", hmrc.integration_id, "paye_levy_declarations")
    hmrc.start_workers()
    [log] = hmrc.wait_final(queued["log_ids"])
    assert log["status"] == "success", (log["error_code"], log["error_message"])
    assert log["requested_by"] == hmrc.user_id


def test_connection_without_the_levy_scope_says_reconnect(hmrc: HmrcWorld) -> None:
    assert hmrc.sandbox is not None
    vat_only = HmrcClient(hmrc.sandbox).sign_in()
    hmrc.sql(
        "select private.save_credential('hmrc', %s, %s::jsonb, now() + interval '4 hours')",
        (
            hmrc.integration_id,
            json.dumps(
                {"access_token": vat_only.access_token, "refresh_token": vat_only.refresh_token}
            ),
        ),
    )
    log = _run(hmrc)
    assert (log["status"], log["error_code"]) == ("failed", "INVALID_SCOPE")
    assert "read:apprenticeship-levy" in log["error_message"]
    assert "reconnect HMRC" in log["error_message"]


def test_foreign_or_missing_employer_reference(hmrc: HmrcWorld) -> None:
    hmrc.rpc(
        "hmrc_set_references",
        hmrc.integration_id,
        json.dumps({"employer_paye_reference": "840/FZ00065"}),
    )
    log = _run(hmrc)
    assert (log["status"], log["error_code"]) == ("failed", "AUTH_ERROR_FORBIDDEN")
    assert "840/FZ00065" in log["error_message"]

    hmrc.sql(
        "update public.project_integrations set settings = settings - 'employer_paye_reference'"
        " where id = %s",
        (hmrc.integration_id,),
    )
    hmrc.stop_workers()
    scheduled = _run(hmrc)  # not an employer Plugboard knows of: nothing to do, said so
    assert (scheduled["status"], scheduled["records_processed"]) == ("success", 0)
    assert "No employer PAYE reference" in scheduled["details"]["skipped"]
    asked = hmrc.rpc("integration_request_sync", hmrc.integration_id, "paye_levy_declarations")
    [log] = hmrc.wait_final(asked["log_ids"])
    assert (log["status"], log["error_code"]) == ("failed", "employer_paye_reference_missing")
    assert "hmrc_set_references" in log["error_message"]
