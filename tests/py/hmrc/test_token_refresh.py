"""A token HMRC no longer takes, mid-run: the call answered 401 goes through the shared
credential refresh (python_workers/credentials, single-flight) and succeeds with the new
token; a refresh HMRC refuses (invalid_grant) marks the connection Expired with a message
saying to reconnect, and no token appears in the log or the integration."""

from __future__ import annotations

import json

from sandboxes.testing import sandbox_counters
from tests.py.hmrc.conftest import HmrcWorld

DEAD_ACCESS = "0" * 32
DEAD_REFRESH = "f" * 32


def _store(hmrc: HmrcWorld, access_token: str, refresh_token: str) -> None:
    hmrc.sql(
        # not expiring for hours: only HMRC's 401 says the token is dead
        "select private.save_credential('hmrc', %s, %s::jsonb, now() + interval '4 hours')",
        (
            hmrc.integration_id,
            json.dumps({"access_token": access_token, "refresh_token": refresh_token}),
        ),
    )


def test_revoked_access_token_is_refreshed_and_the_call_succeeds(hmrc: HmrcWorld) -> None:
    assert hmrc.client is not None and hmrc.sandbox is not None
    _store(hmrc, DEAD_ACCESS, hmrc.client.refresh_token)
    before = sandbox_counters(hmrc.sandbox).get("token_calls_refresh_token", 0)
    hmrc.start_workers()
    log_id = hmrc.enqueue(hmrc.integration_id, "hmrc_vat_obligations", "vat_obligations")  # type: ignore[arg-type]
    [log] = hmrc.wait_final([log_id])
    assert log["status"] == "success", (log["error_code"], log["error_message"])
    assert sandbox_counters(hmrc.sandbox)["token_calls_refresh_token"] == before + 1
    integration = hmrc.one(
        "select status::text, last_error_code from public.project_integrations where id = %s",
        (hmrc.integration_id,),
    )
    assert integration == {"status": "Connected", "last_error_code": None}


def test_refused_refresh_marks_the_connection_expired(hmrc: HmrcWorld) -> None:
    _store(hmrc, DEAD_ACCESS, DEAD_REFRESH)
    hmrc.start_workers()
    log_id = hmrc.enqueue(hmrc.integration_id, "hmrc_vat_obligations", "vat_obligations")  # type: ignore[arg-type]
    [log] = hmrc.wait_final([log_id])
    assert (log["status"], log["error_code"]) == ("failed", "reconnect_required")
    assert "reconnect HMRC" in log["error_message"]
    assert len(log["details"]["attempts"]) == 1  # not retried: only a person can fix it
    integration = hmrc.one(
        "select status::text, last_error_code, last_error_message"
        " from public.project_integrations where id = %s",
        (hmrc.integration_id,),
    )
    assert integration["status"] == "Expired"
    assert integration["last_error_code"] == "reconnect_required"
    assert "reconnect HMRC" in integration["last_error_message"]
    everything = json.dumps(
        [*hmrc.sql("select * from public.integration_sync_logs"), integration], default=str
    )
    assert DEAD_ACCESS not in everything and DEAD_REFRESH not in everything
