"""Inspection routes every sandbox has (state, request log, counters, reset, config) and
serving: `python -m sandboxes` with --config, and `serve_all` stopping on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx

from sandboxes.__main__ import ports_for_all
from sandboxes.common.server import REPO_ROOT, free_port
from sandboxes.registry import PORT_OFFSETS
from sandboxes.testing import (
    configure_sandbox,
    inject_faults,
    reset_sandbox,
    sandbox_counters,
    sandbox_requests,
    sandbox_state,
    start_sandbox,
)
from tests.py.sandboxes.quickbooks_client import QuickBooksClient


def test_state_shows_entities_but_no_tokens(qbo: QuickBooksClient) -> None:
    state = sandbox_state(qbo.sandbox)
    gb = state["companies"][qbo.realm]
    assert len(gb["entities"]["Vendor"]) == 4
    assert qbo.access_token not in str(state)
    assert state["oauth"]["access_tokens"] == 1


def test_request_log_records_calls_with_credentials_redacted(qbo: QuickBooksClient) -> None:
    qbo.post("vendor", {"DisplayName": "Logged Ltd"}, params={"minorversion": "75"})
    [record] = sandbox_requests(qbo.sandbox, last=1)
    assert record["method"] == "POST" and record["status"] == 200
    assert record["path"] == f"/v3/company/{qbo.realm}/vendor"
    assert record["query"] == "minorversion=75"
    assert record["headers"]["authorization"] == "Bearer [REDACTED]"
    assert "Logged Ltd" in record["body"]
    assert qbo.access_token not in str(sandbox_requests(qbo.sandbox))


def test_inspection_calls_are_not_logged(qbo: QuickBooksClient) -> None:
    sandbox_state(qbo.sandbox)
    assert all(not r["path"].startswith("/_sandbox/") for r in sandbox_requests(qbo.sandbox))


def test_reset_restores_entities_log_counters_config_and_faults(qbo: QuickBooksClient) -> None:
    qbo.create("Vendor", {"DisplayName": "Temporary Ltd"})
    configure_sandbox(qbo.sandbox, access_token_seconds=5)
    inject_faults(qbo.sandbox, rate=1.0, kinds=["500"])
    reset_sandbox(qbo.sandbox)
    assert sandbox_requests(qbo.sandbox) == []
    assert sandbox_counters(qbo.sandbox) == {}
    assert qbo.http.get("/_sandbox/faults").json() is None
    assert qbo.http.get("/_sandbox/config").json()["access_token_seconds"] == 3600
    fresh = QuickBooksClient(qbo.sandbox)
    assert fresh.query("select count(*) from Vendor") == {"totalCount": 4}


def test_config_changes_are_validated_and_secrets_masked(qbo: QuickBooksClient) -> None:
    config = qbo.http.get("/_sandbox/config").json()
    assert config["client_secret"] == "**********"
    assert config["webhook_verifier_token"] == "**********"
    assert qbo.http.post("/_sandbox/config", json={"no_such_knob": 1}).status_code == 400
    assert qbo.http.post("/_sandbox/config", json={"time_scale": 0}).status_code == 400
    assert configure_sandbox(qbo.sandbox, time_scale=60)["time_scale"] == 60


def test_startup_config_is_what_reset_returns_to() -> None:
    with start_sandbox("quickbooks", access_token_seconds=42) as sandbox:
        configure_sandbox(sandbox, access_token_seconds=7)
        reset_sandbox(sandbox)
        config = httpx.get(f"{sandbox.base_url}/_sandbox/config").json()
        assert config["access_token_seconds"] == 42


def test_environment_variables_configure_a_sandbox() -> None:
    with start_sandbox("quickbooks", env={"QBO_SANDBOX_CLIENT_ID": "from-env"}) as sandbox:
        assert httpx.get(f"{sandbox.base_url}/_sandbox/config").json()["client_id"] == "from-env"


def test_serve_all_serves_until_sigterm_then_stops_cleanly() -> None:
    port = free_port()
    code = (
        f"from sandboxes.runner import serve_all; serve_all('127.0.0.1', {{'quickbooks': {port}}})"
    )
    runner = subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_sandbox/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert httpx.get(f"http://127.0.0.1:{port}/_sandbox/health").json()["name"] == "quickbooks"
        runner.send_signal(signal.SIGTERM)
        assert runner.wait(timeout=15) == 0
    finally:
        if runner.poll() is None:
            runner.kill()
    try:
        httpx.get(f"http://127.0.0.1:{port}/_sandbox/health", timeout=1)
        raise AssertionError("the sandbox still answers after serve_all stopped")
    except httpx.TransportError:
        pass


def test_all_takes_each_spec_offset_unless_a_sandbox_has_its_own_port() -> None:
    ports = ports_for_all(54401, {"hmrc": 6000})
    assert ports == {
        name: 6000 if name == "hmrc" else 54401 + offset for name, offset in PORT_OFFSETS.items()
    }
    # the documented ports of the shipped sandboxes (sandboxes/README.md, plugboard up)
    assert (ports["quickbooks"], ports["companies_house"]) == (54401, 54402)
