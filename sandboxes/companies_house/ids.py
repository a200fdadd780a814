"""Deterministic identifiers, so the seeded register is the same on every start."""

from __future__ import annotations

import hashlib


def stable_id(*parts: str) -> str:
    """A deterministic opaque id, like the API's URL-safe base64 ids."""
    digest = hashlib.sha1("/".join(parts).encode()).digest()  # noqa: S324  # not security
    return digest.hex()[:27]


def etag(*parts: str) -> str:
    return hashlib.sha1(("etag/" + "/".join(parts)).encode()).hexdigest()  # noqa: S324
