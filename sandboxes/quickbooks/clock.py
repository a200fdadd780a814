"""Timestamps as Intuit writes them (ISO 8601 with offset, milliseconds)."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def intuit_time(moment: datetime | None = None) -> str:
    return (moment or now()).isoformat(timespec="milliseconds")


def parse_time(text: str) -> datetime | None:
    """An ISO date or date-time (naive ones read as UTC), or None when it is neither."""
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
