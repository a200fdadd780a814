"""Attended HMRC calls carry the person's browser values as WEB_APP_VIA_SERVER headers,
which HMRC's test API judges VALID_HEADERS, while those values stay out of the sync log:
they wait in private.hmrc_client_contexts for the worker alone and are gone once the run
is final. A person's fetch without them is refused before anything reaches HMRC."""

from __future__ import annotations

import json
from typing import Any

from tests.py.hmrc.conftest import CLIENT_CONTEXT, HmrcWorld, vat_return

KEPT = "select count(*) as n from private.hmrc_client_contexts where sync_log_id = %s"


def _fetch(hmrc: HmrcWorld, context: dict[str, Any]) -> dict[str, Any]:
    return hmrc.rpc("hmrc_fetch_vat_obligations", hmrc.integration_id, json.dumps(context))


def _no_browser_values_in(row: dict[str, Any]) -> None:
    text = json.dumps(row, default=str)
    assert "client_context" not in text
    assert CLIENT_CONTEXT["public_ip"] not in text and CLIENT_CONTEXT["device_id"] not in text


def test_manual_fetch_is_web_app_via_server_with_valid_headers(hmrc: HmrcWorld) -> None:
    queued = _fetch(hmrc, CLIENT_CONTEXT)
    assert queued["queued"] is True, queued
    [log_id] = queued["log_ids"]
    assert hmrc.one(KEPT, (log_id,))["n"] == 1
    pending = hmrc.one("select * from public.v_integration_sync_logs where id = %s", (log_id,))
    assert pending["trigger_type"] == "on_manual" and pending["requested_by"] == hmrc.user_id
    _no_browser_values_in(pending)

    hmrc.start_workers()
    [log] = hmrc.wait_final([log_id])
    assert log["status"] == "success", (log["error_code"], log["error_message"])
    assert log["details"]["connection_method"] == "WEB_APP_VIA_SERVER"
    _no_browser_values_in(log)
    assert hmrc.one(KEPT, (log_id,))["n"] == 0
    web = hmrc.feedback("WEB_APP_VIA_SERVER")  # the open obligations and the fulfilled ones
    assert [w["code"] for w in web] == ["VALID_HEADERS"] * 2, web
    assert hmrc.feedback("BATCH_PROCESS_DIRECT") == []


def test_manual_fetch_without_browser_values_is_refused(hmrc: HmrcWorld) -> None:
    refused = _fetch(hmrc, {})
    assert refused["queued"] is False and refused["log_ids"] == []
    assert {e["code"] for e in refused["errors"]} == {"required"}
    assert hmrc.sql("select id from public.integration_sync_logs") == []

    # integration_request_sync cannot carry browser values: the run says so, sends nothing
    queued = hmrc.rpc("integration_request_sync", hmrc.integration_id, "vat_obligations")
    hmrc.start_workers()
    [log] = hmrc.wait_final(queued["log_ids"])
    assert (log["status"], log["error_code"]) == ("failed", "client_context_required")
    assert "hmrc_fetch_vat_obligations" in log["error_message"]
    assert hmrc.feedback("WEB_APP_VIA_SERVER") == hmrc.feedback("BATCH_PROCESS_DIRECT") == []


def test_submission_context_is_private_and_forgotten(hmrc: HmrcWorld) -> None:
    hmrc.start_workers()
    fetched = hmrc.wait_final(_fetch(hmrc, CLIENT_CONTEXT)["log_ids"])
    assert fetched[0]["status"] == "success"
    hmrc.stop_workers()
    period = hmrc.one(
        "select period_key from public.v_hmrc_open_vat_obligations"
        " where period_end < current_date order by due_date limit 1"
    )["period_key"]

    queued = hmrc.submit(vat_return(period), CLIENT_CONTEXT)
    [log_id] = queued["log_ids"]
    pending = hmrc.one("select * from public.integration_sync_logs where id = %s", (log_id,))
    assert set(pending["details"]["params"]) == {
        "feature",
        "entity_id",
        "vrn",
        "vat_return",
        "confirmed_by",
    }
    _no_browser_values_in(pending)
    kept = hmrc.one(
        "select user_id, client_context from private.hmrc_client_contexts where sync_log_id = %s",
        (log_id,),
    )
    assert kept["user_id"] == hmrc.user_id
    assert kept["client_context"]["public_ip"] == CLIENT_CONTEXT["public_ip"]

    hmrc.start_workers()
    [log] = hmrc.wait_final([log_id])
    assert log["status"] == "success", (log["error_code"], log["error_message"])
    assert hmrc.one(KEPT, (log_id,))["n"] == 0
    submissions = [f for f in hmrc.feedback("WEB_APP_VIA_SERVER") if f["method"] == "POST"]
    assert [f["code"] for f in submissions] == ["VALID_HEADERS"]
