"""What the issue's HMRC run found, end to end through real workers and the sandbox: HMRC's
nested refusal code is the one logged (with its advice), open obligations of any age are
read, a successful run puts a connection the test left in Error back to Connected, and a
feature whose scope the connection was not granted fails with what to do."""

from __future__ import annotations

from datetime import date
from typing import Any

import psycopg
import pytest

from sandboxes.hmrc.vat.periods import quarter
from sandboxes.testing import configure_sandbox
from tests.py.hmrc.conftest import CLIENT_CONTEXT, VRN, HmrcWorld, open_ended_period, vat_return


def _fetch_obligations(hmrc: HmrcWorld) -> dict[str, Any]:
    hmrc.start_workers()
    log_id = hmrc.enqueue(hmrc.integration_id, "hmrc_vat_obligations", "vat_obligations")  # type: ignore[arg-type]
    [log] = hmrc.wait_final([log_id])
    return log


def test_duplicate_nested_under_business_error_is_logged_as_duplicate_submission(
    hmrc: HmrcWorld,
) -> None:
    assert hmrc.sandbox is not None and hmrc.client is not None
    configure_sandbox(hmrc.sandbox, business_error_envelope=True)
    period = open_ended_period(hmrc)
    elsewhere = hmrc.client.submit(vat_return(period), vrn=VRN)  # filed with other software
    assert elsewhere.status_code == 201, elsewhere.text

    queued = hmrc.submit(vat_return(period), CLIENT_CONTEXT)
    assert queued["queued"] is True, queued
    [log] = hmrc.wait_final(queued["log_ids"])

    assert (log["status"], log["error_code"]) == ("failed", "DUPLICATE_SUBMISSION")
    assert f"period {period}" in log["error_message"] and "VAT652" in log["error_message"]


def test_period_the_cached_obligations_show_fulfilled_is_refused_with_pb409(
    hmrc: HmrcWorld,
) -> None:
    assert hmrc.client is not None
    period = open_ended_period(hmrc, latest=True)  # fulfilled, it is in the last year's read
    elsewhere = hmrc.client.submit(vat_return(period), vrn=VRN)  # filed with other software
    assert elsewhere.status_code == 201, elsewhere.text
    assert _fetch_obligations(hmrc)["status"] == "success"  # the cache now shows it fulfilled

    with pytest.raises(psycopg.Error) as refused:
        hmrc.submit(vat_return(period), CLIENT_CONTEXT)

    assert refused.value.sqlstate == "PB409"
    assert f"already received the VAT return for period {period}" in str(refused.value)
    assert (
        hmrc.sql(
            "select id from public.integration_sync_logs where action = 'hmrc_submit_vat_return'"
        )
        == []
    )


def test_open_obligation_older_than_a_year_is_seen(hmrc: HmrcWorld) -> None:
    first_quarter_last_year = quarter(date.today().year - 1, 1).key  # open, ended > 1 year ago

    assert _fetch_obligations(hmrc)["status"] == "success"

    open_keys = {
        row["period_key"]
        for row in hmrc.sql(
            "select period_key from public.v_hmrc_open_vat_obligations"
            " where project_integration_id = %s",
            (hmrc.integration_id,),
        )
    }
    assert first_quarter_last_year in open_keys, open_keys


def test_successful_run_after_a_failed_connection_test_is_connected(hmrc: HmrcWorld) -> None:
    hmrc.sql(
        "select private.record_connection_problem(%s, 'Error', 'provider_unavailable',"
        " 'HMRC did not answer the connection test')",
        (hmrc.integration_id,),
    )

    assert _fetch_obligations(hmrc)["status"] == "success"

    row = hmrc.one(
        "select status::text, last_error_code from public.project_integrations where id = %s",
        (hmrc.integration_id,),
    )
    assert row == {"status": "Connected", "last_error_code": None}


def test_feature_without_its_granted_scope_says_reconnect_to_allow_it(hmrc: HmrcWorld) -> None:
    hmrc.sql(
        "update public.integration_credentials set scopes = '{read:vat,write:vat}'"
        " where project_integration_id = %s",
        (hmrc.integration_id,),
    )
    hmrc.start_workers()
    log_id = hmrc.enqueue(
        hmrc.integration_id,  # type: ignore[arg-type]
        "hmrc_paye_levy_declarations",
        "paye_levy_declarations",
    )
    [log] = hmrc.wait_final([log_id])

    assert (log["status"], log["error_code"]) == ("failed", "scope_not_granted")
    assert log["error_message"] == (
        "Reconnect HMRC to allow PAYE Apprenticeship Levy declarations (scope "
        "read:apprenticeship-levy)"
    )
