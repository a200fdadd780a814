"""What the request log keeps of headers, query strings and bodies (pure)."""

from __future__ import annotations

import json

from sandboxes.common.redact import REDACTED, redact_body, redact_headers, redact_query


def test_credential_headers_are_masked_keeping_the_scheme() -> None:
    headers = redact_headers(
        [(b"Authorization", b"Bearer abc.def"), (b"X-Api-Key", b"k-123"), (b"Accept", b"*/*"),
         (b"Cookie", b"session=1")]
    )  # fmt: skip
    assert headers == {
        "authorization": f"Bearer {REDACTED}",
        "x-api-key": REDACTED,
        "accept": "*/*",
        "cookie": REDACTED,
    }


def test_form_and_query_secrets_are_masked() -> None:
    body = b"grant_type=refresh_token&refresh_token=RT1-xyz&client_secret=s3cret"
    text = redact_body(body, "application/x-www-form-urlencoded") or ""
    assert "RT1-xyz" not in text and "s3cret" not in text and "grant_type=refresh_token" in text
    assert "abc" not in redact_query("code=abc&state=1") and "state=1" in redact_query(
        "code=abc&state=1"
    )


def test_json_secrets_are_masked_at_any_depth_but_synctoken_is_kept() -> None:
    body = json.dumps({"token": "t-1", "nested": [{"access_token": "a-1"}], "SyncToken": "3"})
    redacted = json.loads(redact_body(body.encode(), "application/json") or "{}")
    assert redacted == {"token": REDACTED, "nested": [{"access_token": REDACTED}], "SyncToken": "3"}


def test_empty_body_is_none() -> None:
    assert redact_body(b"", "application/json") is None
