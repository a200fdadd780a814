"""When to try a failed run again: exponential backoff with jitter, never sooner than a
provider's Retry-After, at most `max_attempts` attempts in all.

The run itself decides (it must write the log before procrastinate acts) and hands the
decision to procrastinate in the exception it raises (RunFailed); DecidedRetry is the
retry strategy that applies it."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from procrastinate import RetryDecision
from procrastinate.retry import BaseRetryStrategy

from python_workers.engine.errors import SyncError, classify


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    base_seconds: float = 2.0
    cap_seconds: float = 900.0

    def delay(self, attempt: int, error: SyncError) -> float | None:
        """Seconds before the next attempt after attempt `attempt` (1-based) failed with
        `error`; None when there is none. "Equal jitter": half the exponential step plus a
        random share of the other half, so retries of many runs spread out yet grow."""
        if not error.retryable or attempt >= self.max_attempts:
            return None
        step = min(self.cap_seconds, self.base_seconds * 2.0 ** (attempt - 1))
        backoff = step / 2 + random.uniform(0, step / 2)
        return max(backoff, error.retry_after or 0.0)


class RunFailed(Exception):
    """An attempt failed and its log is written; `retry_in` None means it was the last."""

    def __init__(self, error: SyncError, retry_in: float | None) -> None:
        super().__init__(f"{error.code}: {error.message}")
        self.error = error
        self.retry_in = retry_in


class DecidedRetry(BaseRetryStrategy):
    """Applies the run's own decision; anything else escaping a task (the database gone
    while writing the log) is retried with the policy, so the next attempt can close it."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy

    def get_retry_decision(self, *, exception: BaseException, job: Any) -> RetryDecision | None:
        if isinstance(exception, RunFailed):
            delay = exception.retry_in
        else:
            delay = self.policy.delay(job.attempts + 1, classify(exception))
        return None if delay is None else RetryDecision(retry_at=in_seconds(delay))


def attempt_message(error: SyncError, attempt: int, retry_in: float | None) -> str:
    """The log's message for a failed attempt: the error, and what happens next (never a
    retry that will not come)."""
    if retry_in is not None:
        return f"{error.message}; attempt {attempt + 1} follows in {retry_in:.1f} s"
    if not error.retryable:
        return error.message
    return (
        f"{error.message}; gave up after {attempt} attempt{'s' if attempt > 1 else ''}:"
        " nothing will retry this run. What it finished is kept and counted; start the sync"
        " again later to do the rest"
    )


def in_seconds(seconds: float) -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds)
