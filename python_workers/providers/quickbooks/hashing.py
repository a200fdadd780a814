"""A stable hash of the fields Plugboard sends to QuickBooks, stored with each mapping
(integration_entity_mappings.sync_hash) and compared later with what QuickBooks holds.

Only the fields we send count — QuickBooks adds Ids, line numbers, totals and metadata of
its own — and values are compared the way QuickBooks may echo them: numbers by value
(12.5 = 12.50), text as sent, references by their value. The same function hashes our
payload and QuickBooks' entity, so a difference is a difference in something we sent.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

# Fields QuickBooks owns: never part of what we compare.
_OWNED = frozenset({"Id", "SyncToken", "sparse", "domain", "MetaData", "LineNum"})


def sent_fields(sent: Any, held: Any) -> Any:
    """`held` (QuickBooks' entity) cut down to the shape of `sent` (our payload)."""
    if isinstance(sent, dict):
        if not isinstance(held, dict):
            return None
        return {k: sent_fields(v, held.get(k)) for k, v in sent.items() if k not in _OWNED}
    if isinstance(sent, list):
        if not isinstance(held, list) or len(held) != len(sent):
            return held if not isinstance(held, list) else [None] * abs(len(held) - len(sent))
        return [sent_fields(s, h) for s, h in zip(sent, held, strict=True)]
    return held


def stable_hash(payload: Any) -> str:
    """sha256 of the canonical form: sorted keys, numbers normalised, Nones dropped."""
    encoded = json.dumps(_canonical(payload), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if k not in _OWNED and v is not None}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)
