"""Sliding-window and concurrency limits (pure, in-process)."""

from __future__ import annotations

from starlette.types import Scope

from sandboxes.common.ratelimit import RateLimits, SlidingWindow, WindowLimit


def scope(path: str = "/v3/company/1/vendor/1") -> Scope:
    return {"type": "http", "path": path, "headers": []}


def test_sliding_window_admits_up_to_the_limit_then_says_how_long_to_wait() -> None:
    window = SlidingWindow()
    for moment in (0.0, 1.0, 2.0):
        assert window.wait("k", 3, 10.0, moment) is None
        window.record("k", moment)
    assert window.wait("k", 3, 10.0, 5.0) == 5.0
    assert window.wait("k", 3, 10.0, 10.5) is None  # the hit at 0.0 has left the window


def test_windows_are_per_key() -> None:
    limits = RateLimits(lambda s: "a", [WindowLimit("requests", 1, 60)])
    assert limits.acquire("a", scope()) is None
    assert limits.acquire("a", scope()) is not None
    assert limits.acquire("b", scope()) is None


def test_throttled_requests_do_not_count_and_time_scale_shrinks_the_window() -> None:
    limits = RateLimits(lambda s: "a", [WindowLimit("requests", 1, 60)], time_scale=60)
    assert limits.acquire("a", scope()) is None
    throttled = limits.acquire("a", scope())
    assert throttled is not None and throttled.limit == "requests"
    assert throttled.retry_after == 1  # a "minute" is one second at time_scale 60


def test_a_window_applies_only_to_matching_requests() -> None:
    batch = WindowLimit("batch", 1, 60, lambda s: str(s["path"]).endswith("/batch"))
    limits = RateLimits(lambda s: "a", [batch])
    assert limits.acquire("a", scope("/v3/company/1/batch")) is None
    assert limits.acquire("a", scope("/v3/company/1/vendor/1")) is None
    assert limits.acquire("a", scope("/v3/company/1/batch")) is not None


def test_concurrency_limit_counts_requests_in_flight() -> None:
    limits = RateLimits(lambda s: "a", max_concurrent=2)
    assert limits.acquire("a", scope()) is None
    assert limits.acquire("a", scope()) is None
    third = limits.acquire("a", scope())
    assert third is not None and third.limit == "concurrent"
    limits.release("a")
    assert limits.acquire("a", scope()) is None


def test_clear_forgets_every_window() -> None:
    limits = RateLimits(lambda s: "a", [WindowLimit("requests", 1, 60)])
    limits.acquire("a", scope())
    limits.clear()
    assert limits.acquire("a", scope()) is None
