"""VAT obligations fetched unattended (BATCH_PROCESS_DIRECT) and a VAT return a person
confirmed (WEB_APP_VIA_SERVER), end to end through real workers and the HMRC sandbox,
whose fraud-prevention checks judge both calls VALID_HEADERS."""

from __future__ import annotations

import httpx

from tests.py.hmrc.conftest import CLIENT_CONTEXT, VRN, HmrcWorld, open_ended_period, vat_return


def test_obligations_cached_and_return_submitted_with_receipt_and_valid_headers(
    hmrc: HmrcWorld,
) -> None:
    period = open_ended_period(hmrc)
    [batch] = hmrc.feedback("BATCH_PROCESS_DIRECT")[:1]
    assert batch["code"] == "VALID_HEADERS", batch

    queued = hmrc.submit(vat_return(period), CLIENT_CONTEXT)
    assert queued["queued"] is True, queued
    [log] = hmrc.wait_final(queued["log_ids"])
    assert log["status"] == "success", (log["error_code"], log["error_message"], log["details"])
    receipt = log["details"]["receipt"]
    assert receipt["receipt_id"] and receipt["receipt_timestamp"] and receipt["correlation_id"]
    assert log["external_id"] == receipt["form_bundle_number"]
    [web] = hmrc.feedback("WEB_APP_VIA_SERVER")[:1]
    assert web["code"] == "VALID_HEADERS", web
    still_open = hmrc.sql(
        "select period_key from public.v_hmrc_open_vat_obligations where period_key = %s", (period,)
    )
    assert still_open == []

    # the same period again: refused at once, nothing queued, nothing else changed
    before = hmrc.sql("select id, status, details from public.integration_sync_logs order by id")
    again = hmrc.submit(vat_return(period), CLIENT_CONTEXT)
    assert again["queued"] is False
    [error] = again["errors"]
    assert error["code"] == "DUPLICATE_SUBMISSION" and receipt["receipt_id"] in error["message"]
    assert (
        hmrc.sql("select id, status, details from public.integration_sync_logs order by id")
        == before
    )


def test_return_hmrc_already_has_fails_with_duplicate_submission(hmrc: HmrcWorld) -> None:
    period = open_ended_period(hmrc)
    assert hmrc.client is not None
    elsewhere = hmrc.client.submit(vat_return(period), vrn=VRN)  # filed with other software
    assert elsewhere.status_code == 201, elsewhere.text
    queued = hmrc.submit(vat_return(period), CLIENT_CONTEXT)
    [log] = hmrc.wait_final(queued["log_ids"])
    assert log["status"] == "failed" and log["error_code"] == "DUPLICATE_SUBMISSION"
    assert (
        f"period {period}" in log["error_message"]
        and "one return per period" in log["error_message"]
    )
    assert "receipt" not in log["details"]


def test_missing_browser_value_is_reported_not_invented(hmrc: HmrcWorld) -> None:
    context = {k: v for k, v in CLIENT_CONTEXT.items() if k != "window_size"}
    refused = hmrc.submit(vat_return("18A1"), context)
    assert refused["queued"] is False
    assert [e["field"] for e in refused["errors"]] == ["client_context.window_size"]
    assert "never makes it up" in refused["errors"][0]["message"]
    assert (
        hmrc.sql(
            "select id from public.integration_sync_logs where action = 'hmrc_submit_vat_return'"
        )
        == []
    )


def test_box_errors_come_back_per_box(hmrc: HmrcWorld) -> None:
    refused = hmrc.submit(vat_return("18A1", totalVatDue=99), CLIENT_CONTEXT)
    assert refused["queued"] is False
    assert {(e["code"], e["field"]) for e in refused["errors"]} >= {
        ("vat_total_value", "totalVatDue")
    }


def test_headers_of_both_methods_valid_on_the_test_api(hmrc: HmrcWorld) -> None:
    """The builders' output straight to HMRC's Test Fraud Prevention Headers API."""
    import os
    from unittest import mock

    from python_workers.providers.hmrc.fraud_headers import (
        ClientContext,
        VendorSettings,
        batch_process_direct,
        web_app_via_server,
    )

    assert hmrc.sandbox is not None and hmrc.client is not None
    with mock.patch.dict(os.environ, hmrc.env):
        vendor = VendorSettings()
        built = {
            "WEB_APP_VIA_SERVER": web_app_via_server(
                ClientContext.model_validate(CLIENT_CONTEXT), str(hmrc.user_id), vendor
            ),
            "BATCH_PROCESS_DIRECT": batch_process_direct(vendor),
        }
    for method, headers in built.items():
        response = httpx.get(
            f"{hmrc.sandbox.base_url}/test/fraud-prevention-headers/validate",
            headers={
                "Accept": "application/vnd.hmrc.1.0+json",
                "Authorization": f"Bearer {hmrc.client.access_token}",
                **headers,
            },
        )
        assert response.json()["code"] == "VALID_HEADERS", (method, response.json())
