"""Facts every log line of a sync run carries (log_id, provider, action, attempt, and the
error code once it failed), kept in a context variable: each procrastinate job runs in an
asyncio task of its own, so lines logged anywhere during a run (the engine, a provider,
httpx) get that run's facts, and no other run's. logging_json.py writes them as fields."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

_FACTS: ContextVar[dict[str, Any] | None] = ContextVar("plugboard_log_facts", default=None)


def bind(**facts: Any) -> None:
    """Adds `facts` to the current task's (a new dict: other tasks keep theirs)."""
    _FACTS.set({**(_FACTS.get() or {}), **facts})


def current() -> dict[str, Any]:
    return dict(_FACTS.get() or {})
