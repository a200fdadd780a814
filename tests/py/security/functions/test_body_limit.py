"""A body limit before any read: functions/ answers 413 to a body past
PLUGBOARD_FUNCTIONS_MAX_BODY_BYTES, declared or streamed, without holding it in memory;
the QuickBooks webhook checks the signature before it parses anything."""

from __future__ import annotations

import base64
import hashlib
import hmac

import httpx
import psutil
import pytest

from tests.py.connections.conftest import Sandboxes, sandbox_environment
from tests.py.connections.functions_process import functions_process
from tests.py.security.functions.oversized import post_oversized
from tests.testdb import Database

VERIFIER = "security-test-verifier-token"
BODY = 96 * 1024 * 1024  # far past the 1 MiB default
MiB = 1024 * 1024


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "chunked"])
def test_oversized_unauthenticated_webhook_gets_413_without_growing_memory(
    declare_length: bool, sandboxes: Sandboxes, db: Database
) -> None:
    environment = {
        **sandbox_environment(sandboxes, db),
        "PLUGBOARD_QBO_WEBHOOK_VERIFIER_TOKEN": VERIFIER,
    }
    with functions_process(environment) as server:
        url = f"{server.base_url}/webhooks/quickbooks"
        assert httpx.post(url, content=b"{}", timeout=5).status_code == 401  # warmed up
        process = psutil.Process(server.pid)
        before = process.memory_info().rss
        answers = [
            post_oversized(server.port, "/webhooks/quickbooks", BODY, declare_length=declare_length)
            for _ in range(3)
        ]
        grown = process.memory_info().rss - before

        assert grown < 16 * MiB, f"RSS grew by {grown / MiB:.0f} MiB"
        assert [answer.status for answer in answers] == [413] * 3
        assert max(answer.sent for answer in answers) < 16 * MiB, "answered before the body"
        assert httpx.get(f"{server.base_url}/health", timeout=5).status_code == 200


def test_a_signed_webhook_under_the_limit_is_still_read_and_a_bad_one_never_parsed(
    sandboxes: Sandboxes, db: Database
) -> None:
    environment = {
        **sandbox_environment(sandboxes, db),
        "PLUGBOARD_QBO_WEBHOOK_VERIFIER_TOKEN": VERIFIER,
        "PLUGBOARD_FUNCTIONS_MAX_BODY_BYTES": "4096",
    }
    body = b'{"eventNotifications": []}'
    signature = base64.b64encode(hmac.new(VERIFIER.encode(), body, hashlib.sha256).digest())
    with functions_process(environment) as server:
        url = f"{server.base_url}/webhooks/quickbooks"
        signed = httpx.post(
            url, content=body, headers={"intuit-signature": signature.decode()}, timeout=5
        )
        unsigned_junk = httpx.post(url, content=b"{not json", timeout=5)
        too_big = httpx.post(url, content=b"x" * 4097, timeout=5)

    assert signed.status_code == 200, signed.text
    assert unsigned_junk.status_code == 401
    assert too_big.status_code == 413
