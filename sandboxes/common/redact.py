"""Masking of secrets before anything is written to a sandbox's request log."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

REDACTED = "[REDACTED]"
# Header names that always carry credentials, plus any name containing these words.
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_WORDS = re.compile(r"token|secret|password|api[-_]?key|signature|assertion", re.I)
# Field names in query strings and bodies (OAuth codes are credentials too).
_SECRET_FIELDS = re.compile(
    r"(?<!sync)token|secret|password|passwd|api[-_]?key|assertion|verifier|^code$", re.I
)
# A cheap pre-check: could any field name in this text be secret?
_MAYBE_SECRET = re.compile(r"token|secret|passw|key|assertion|verifier|code", re.I)
MAX_BODY_CHARS = 4_096  # x 10,000 logged requests: bounded memory


def redact_headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """Headers as a dict; credentials replaced, keeping the auth scheme (Bearer/Basic) visible."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in raw:
        name = raw_name.decode("latin-1").lower()
        value = raw_value.decode("latin-1")
        if name in _SECRET_HEADERS or _SECRET_WORDS.search(name):
            scheme, _, credential = value.partition(" ")
            value = f"{scheme} {REDACTED}" if credential else REDACTED
        headers[name] = value
    return headers


def redact_query(query: str) -> str:
    if not _MAYBE_SECRET.search(query):  # the common case, without parsing
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, REDACTED if _SECRET_FIELDS.search(k) else v) for k, v in pairs])


def redact_body(body: bytes, content_type: str) -> str | None:
    """The body as text with secret fields masked; None when empty."""
    if not body:
        return None
    text = body[:MAX_BODY_CHARS].decode("utf-8", "replace")
    if "application/x-www-form-urlencoded" in content_type:
        return redact_query(text)
    if "json" in content_type:
        try:
            return json.dumps(_redact_json(json.loads(body)))[:MAX_BODY_CHARS]
        except ValueError:
            return text
    return text


def _redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: REDACTED if _SECRET_FIELDS.search(k) else _redact_json(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_json(item) for item in value]
    return value
