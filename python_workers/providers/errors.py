"""Errors a server action raises for the worker to record on the sync log.

`code` is stable (a UI may branch on it), `message` is written for the person reading the
Logs page, `details` is non-secret structured help (e.g. which VAT box is wrong). None of
them ever holds a token, key or other secret.
"""

from __future__ import annotations

from typing import Any


class ProviderError(Exception):
    """The provider refused the request, or the action cannot do what was asked."""

    retryable = False

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}


class RateLimited(ProviderError):
    """429: try again after `retry_after` seconds. (The message says what happened; the
    engine adds whether and when a next attempt comes.)"""

    retryable = True

    def __init__(self, retry_after: float, provider: str) -> None:
        super().__init__(
            "rate_limited",
            f"{provider} refused requests over its rate limit (HTTP 429; asked to wait"
            f" {retry_after:g} s)",
        )
        self.retry_after = retry_after


class ProviderUnavailable(ProviderError):
    """A 5xx answer or no answer at all: worth another attempt later."""

    retryable = True

    def __init__(self, provider: str, status: int | None) -> None:
        what = f"answered {status}" if status is not None else "could not be reached"
        super().__init__("provider_unavailable", f"{provider} {what}")
        self.status = status
