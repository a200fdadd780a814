"""Sliding-window and concurrency limits, keyed per account (realm, API key, client...).

Windows are given in real-world seconds and divided by `time_scale`, so with
time_scale=60 a "per minute" limit is enforced over one second.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from starlette.types import Scope

KeyOf = Callable[[Scope], "str | None"]


def _every_request(scope: Scope) -> bool:
    return True


@dataclass(frozen=True)
class WindowLimit:
    """At most `limit` requests matching `applies` per `window_seconds`, per key
    (`limit_of(key)` in place of `limit` when given: limits that differ per account)."""

    name: str
    limit: int
    window_seconds: float
    applies: Callable[[Scope], bool] = _every_request
    limit_of: Callable[[str], int] | None = None

    def limit_for(self, key: str) -> int:
        return self.limit if self.limit_of is None else self.limit_of(key)


@dataclass(frozen=True, slots=True)
class Throttled:
    limit: str
    retry_after: int


@dataclass
class SlidingWindow:
    """Timestamps of admitted requests per key, oldest first."""

    hits: dict[str, deque[float]] = field(default_factory=dict)

    def live(self, key: str, window: float, now: float) -> deque[float]:
        """The key's hits still inside the window (older ones are dropped)."""
        hits = self.hits.setdefault(key, deque())
        while hits and hits[0] <= now - window:
            hits.popleft()
        return hits

    def wait(self, key: str, limit: int, window: float, now: float) -> float | None:
        """Seconds until a request would be admitted, or None when it would be now."""
        hits = self.live(key, window, now)
        return hits[0] + window - now if len(hits) >= limit else None

    def record(self, key: str, now: float) -> None:
        self.hits[key].append(now)


class RateLimits:
    """A provider's published limits; `key_of` picks the account a request counts against
    (None: not limited, e.g. OAuth endpoints)."""

    def __init__(
        self,
        key_of: KeyOf,
        windows: Sequence[WindowLimit] = (),
        max_concurrent: int | None = None,
        *,
        enabled: bool = True,
        time_scale: float = 1.0,
    ) -> None:
        self.key_of = key_of
        self.windows = tuple(windows)
        self.max_concurrent = max_concurrent
        self.enabled = enabled
        self.time_scale = time_scale
        self._windows = {limit.name: SlidingWindow() for limit in self.windows}
        self._in_flight: dict[str, int] = {}

    def clear(self) -> None:
        for window in self._windows.values():
            window.hits.clear()
        self._in_flight.clear()

    def acquire(self, key: str, scope: Scope) -> Throttled | None:
        """Admit a request (the caller must `release(key)` when it ends) or say why not."""
        in_flight = self._in_flight.get(key, 0)
        if self.max_concurrent is not None and in_flight >= self.max_concurrent:
            return Throttled("concurrent", 1)
        now = time.monotonic()
        applying = [limit for limit in self.windows if limit.applies(scope)]
        for limit in applying:
            window = limit.window_seconds / self.time_scale
            wait = self._windows[limit.name].wait(key, limit.limit_for(key), window, now)
            if wait is not None:
                return Throttled(limit.name, max(1, math.ceil(wait)))
        for limit in applying:  # only admitted requests count against the windows
            self._windows[limit.name].record(key, now)
        self._in_flight[key] = in_flight + 1
        return None

    def release(self, key: str) -> None:
        self._in_flight[key] -= 1

    def usage(self, key: str, name: str) -> tuple[int, float]:
        """Requests of `key` in window `name` now, and seconds until the oldest leaves it
        (the whole window when none): what providers' rate-limit headers report."""
        limit = next(limit for limit in self.windows if limit.name == name)
        window = limit.window_seconds / self.time_scale
        now = time.monotonic()
        hits = self._windows[name].live(key, window, now)
        return len(hits), (hits[0] + window - now if hits else window)
