"""What a run tells the outside while it goes: the metrics of engine/metrics.py and the
facts of its log lines (log_facts.py). run.py calls these three hooks; a run's start time
rides in a context variable, as its facts do (one asyncio task per job)."""

from __future__ import annotations

import time
from contextvars import ContextVar

from python_workers import log_facts
from python_workers.engine import metrics
from python_workers.engine.errors import SyncError
from python_workers.engine.logs import Run
from python_workers.engine.outcome import Outcome

_STARTED: ContextVar[tuple[str, str, float] | None] = ContextVar(
    "plugboard_run_started", default=None
)
UNKNOWN = "unknown"  # a run that failed before its log named its provider and action


def run_started(run: Run) -> None:
    log_facts.bind(
        log_id=str(run.log_id), provider=run.provider_key, action=run.action, attempt=run.attempt
    )
    _STARTED.set((run.provider_key, run.action, time.monotonic()))
    metrics.JOBS_STARTED.labels(run.provider_key, run.action).inc()


def run_finished(outcome: Outcome) -> None:
    """The action returned and its log is committed with `outcome.status`."""
    provider, action = _labels()
    if outcome.status == "failed":
        log_facts.bind(error_code=outcome.error_code)
        metrics.JOBS_FAILED.labels(provider, action, outcome.error_code or UNKNOWN).inc()
        _observe_duration("failed")
    else:
        metrics.JOBS_SUCCEEDED.labels(provider, action, outcome.status).inc()
        _observe_duration("succeeded")


def run_failed(error: SyncError, retry_in: float | None) -> None:
    """The attempt raised; `retry_in` None: no attempt follows."""
    provider, action = _labels()
    log_facts.bind(error_code=error.code)
    counter, outcome = (
        (metrics.JOBS_FAILED, "failed") if retry_in is None else (metrics.JOBS_RETRIED, "retried")
    )
    counter.labels(provider, action, error.code).inc()
    _observe_duration(outcome)


def _labels() -> tuple[str, str]:
    started = _STARTED.get()
    return (UNKNOWN, UNKNOWN) if started is None else (started[0], started[1])


def _observe_duration(outcome: str) -> None:
    started = _STARTED.get()
    if started is not None:
        provider, action, at = started
        metrics.RUN_DURATION.labels(provider, action, outcome).observe(time.monotonic() - at)
