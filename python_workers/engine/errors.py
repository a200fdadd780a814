"""How a run fails: a code and a message for the sync log (never a secret), whether trying
again may help, and how long the provider asked us to wait (Retry-After).

Actions raise what they like. An exception carrying `code`, `message` and `retryable`
(and maybe `retry_after` seconds and non-secret `details`) — the providers' ProviderError
family — is recorded as it says; httpx errors are classified by status (429 and 5xx retry,
honouring Retry-After; other 4xx do not); invalid params never retry; anything else is
retried, as an unknown failure may be transient."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import httpx
import pydantic


class SyncError(Exception):
    """A failed attempt, as the sync log records it."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        retryable: bool,
        retry_after: float | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retryable = retryable
        self.retry_after = retry_after
        self.details = details or {}


class RetryableSyncError(SyncError):
    """A transient failure (throttled, provider down, network): a later attempt may work."""

    def __init__(self, code: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(code, message, retryable=True, retry_after=retry_after)


class PermanentSyncError(SyncError):
    """A failure no retry will cure (bad input, missing credential, rejected request)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message, retryable=False)


class NotInProject(PermanentSyncError):
    """A run named a record its project does not hold (a forged link, a stale id): the run
    touches nothing. The message repeats only ids the run itself was given."""

    def __init__(self, noun: str, ids: list[str]) -> None:
        named = ids[0] if len(ids) == 1 else f"{ids[0]} (and {len(ids) - 1} more)"
        super().__init__(
            "not_in_project",
            f"there is no {noun} {named} in this project: the run touched nothing (a run"
            " reads and writes only records of its integration's project)",
        )


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP-date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


def classify(exc: BaseException) -> SyncError:
    """Any exception an action raised, as a SyncError."""
    if isinstance(exc, SyncError):
        return exc
    code, message, retryable = (
        getattr(exc, name, None) for name in ("code", "message", "retryable")
    )
    if isinstance(code, str) and isinstance(message, str) and isinstance(retryable, bool):
        retry_after = getattr(exc, "retry_after", None)
        details = getattr(exc, "details", None)
        return SyncError(
            code,
            message,
            retryable=retryable,
            retry_after=float(retry_after) if isinstance(retry_after, int | float) else None,
            details=details if isinstance(details, dict) else None,
        )
    if isinstance(exc, httpx.HTTPStatusError):
        status = exc.response.status_code
        message = f"{exc.request.method} {exc.request.url.path} answered HTTP {status}"
        if status == 429 or status >= 500:
            return RetryableSyncError(
                f"http_{status}",
                message,
                retry_after_seconds(exc.response.headers.get("retry-after")),
            )
        return PermanentSyncError(f"http_{status}", message)
    if isinstance(exc, httpx.TransportError):
        return RetryableSyncError("network", f"{type(exc).__name__}: {exc}")
    if isinstance(exc, pydantic.ValidationError):
        return PermanentSyncError("invalid_params", str(exc))
    return RetryableSyncError("error", f"{type(exc).__name__}: {exc}")
