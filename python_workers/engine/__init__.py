"""The sync engine's worker side: procrastinate jobs that run provider server actions.

An event (trigger, RPC, schedule, webhook) writes a pending sync log and a job in one
transaction (SQL: private.enqueue_sync_run); a worker here takes the job and closes the
log: pending -> in_progress -> success | partial_success | failed. docs/engine.md is the map.

  app.py          the procrastinate App: queue connection, the tasks, worker options
  run.py          one run: resolve the action, build its context, run it, close the log
  logs.py         the sync log's transitions (SQL)
  outcome.py      what a finished action's result says (counts -> status)
  progress.py     what a run finished, committed as it goes and kept across attempts
  errors.py       failures: retryable or not, Retry-After
  retry.py        backoff with jitter; the retry decision procrastinate applies
  jobs.py         retries that a newer waiting job supersedes; stalled jobs
  registry.py     the server registry, plus extra entries (a test/extension hook)
  context.py      the one builder of an action's context (runs and connection tests)
  validation.py   a feature's validation action, run before its push
  observe.py      a run's hooks: metrics and the facts of its log lines
  metrics.py      the Prometheus metrics; http_metrics.py: provider request latency
  health.py       /healthz, /healthz/live and /metrics on PLUGBOARD_METRICS_PORT
  queue_stats.py  queue depth, workers, stalled jobs, recent failures (metrics, status)
"""
