"""The worker's Prometheus metrics (served on /metrics by engine/health.py; docs/engine.md,
"Operating a worker", lists them).

Labels stay bounded: provider keys, action names, error codes, route templates, budget
families and outcomes; never a record id, a realm, a URL with ids or an error message.
They live in prometheus-client's default registry, one per process.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

# Seconds: a few ms for a cached read up to a long bulk push.
RUN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)
# Seconds: provider answers, and waits for a rate-budget slot (up to a whole window).
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
WAIT_BUCKETS = (0.001, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


def _runs(name: str, documentation: str, *labels: str) -> Counter:
    """A counter of runs by provider and action (and `labels`)."""
    return Counter(name, documentation, ["provider", "action", *labels])


JOBS_STARTED = _runs("plugboard_jobs_started", "Sync run attempts started.")
JOBS_SUCCEEDED = _runs(
    "plugboard_jobs_succeeded", "Sync runs that ended success or partial_success.", "status"
)
JOBS_FAILED = _runs(
    "plugboard_jobs_failed", "Sync runs that ended failed (no attempt follows).", "error_code"
)
JOBS_RETRIED = _runs(
    "plugboard_jobs_retried", "Failed attempts another attempt follows.", "error_code"
)
RUN_DURATION = Histogram(
    "plugboard_run_duration_seconds",
    "One attempt of a sync run, claim to final write.",
    ["provider", "action", "outcome"],
    buckets=RUN_BUCKETS,
)
PROVIDER_REQUEST = Histogram(
    "plugboard_provider_request_seconds",
    "Provider HTTP requests, sent to response headers received.",
    ["provider", "route", "status_class"],
    buckets=REQUEST_BUCKETS,
)
BUDGET_WAIT = Histogram(
    "plugboard_budget_wait_seconds",
    "Time to get a rate-budget slot (0 when one was free).",
    ["budget"],
    buckets=WAIT_BUCKETS,
)
TOKEN_REFRESHES = Counter(
    "plugboard_token_refreshes",
    "OAuth token refreshes this process made, by outcome (refreshed or an error code).",
    ["provider", "outcome"],
)
STALLED_RECOVERED = Counter(
    "plugboard_stalled_jobs_recovered",
    "Jobs of silent workers this process's sweeper put back (retried) or ended (failed).",
    ["outcome"],
)
QUEUE_JOBS = Gauge(
    "plugboard_queue_jobs",
    "Jobs in the queue by state (waiting: due now; scheduled: a later retry; running).",
    ["queue", "state"],
)
QUEUE_OLDEST_WAIT = Gauge(
    "plugboard_queue_oldest_waiting_seconds",
    "How long the longest-waiting due job of the queue has waited (0: none waits).",
    ["queue"],
)


def budget_family(key: str) -> str:
    """A budget key without its account: quickbooks:<realm> -> quickbooks."""
    return key.split(":", 1)[0]


def budget_waited(key: str, seconds: float) -> None:
    BUDGET_WAIT.labels(budget_family(key)).observe(seconds)


def token_refreshed(provider: str, outcome: str) -> None:
    TOKEN_REFRESHES.labels(provider, outcome).inc()


def stalled_recovered(outcome: str) -> None:
    STALLED_RECOVERED.labels(outcome).inc()
