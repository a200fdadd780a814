"""A worker's database connections: one budget, two pools (docs/engine.md, "Connections").

  queue        procrastinate: one connection LISTENs for new jobs (opened outside its
               pool), the pool's fetch jobs, acknowledge them and beat the heartbeat.
               Session mode: DATABASE_URL (a direct connection or a session-mode pooler;
               LISTEN needs a session).
  action pool  the runs' short transactions, log transitions, credentials, rate budgets:
               PLUGBOARD_ACTION_DATABASE_URL when set (a transaction-mode pooler such as
               PgBouncer or Supavisor's port 6543: no server-side prepared statements
               there), else DATABASE_URL.
Both pools together open at most `max_connections` (PLUGBOARD_WORKER_MAX_CONNECTIONS,
default 4): a run checks a connection out per short transaction, never per job, so the
worker's concurrency does not raise it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

DEFAULT_MAX_CONNECTIONS = 4
LISTEN_CONNECTIONS = 1
MIN_MAX_CONNECTIONS = 3  # the LISTEN, one for the queue, one for actions


@dataclass(frozen=True)
class PoolSizes:
    queue: int  # procrastinate's pool; its LISTEN connection is one more, outside it
    action: int


def pool_sizes(max_connections: int) -> PoolSizes:
    """One connection LISTENs (procrastinate opens it outside its pool), a quarter of the
    budget (at least 1) fetches and acknowledges jobs, actions get the rest."""
    if max_connections < MIN_MAX_CONNECTIONS:
        raise ValueError(
            f"a worker needs at least {MIN_MAX_CONNECTIONS} database connections"
            f" (PLUGBOARD_WORKER_MAX_CONNECTIONS is {max_connections})"
        )
    queue = max(1, max_connections // 4)
    return PoolSizes(queue=queue, action=max_connections - LISTEN_CONNECTIONS - queue)


def application_name(pool: str) -> str:
    """What pg_stat_activity shows for this worker's connections of `pool`."""
    return f"plugboard-worker:{os.getpid()}:{pool}"


def action_kwargs(through_pooler: bool) -> dict[str, Any]:
    """Connection options of the action pool; a transaction-mode pooler gets a server
    connection per transaction, so nothing may be prepared on one for the next."""
    kwargs: dict[str, Any] = {"autocommit": True, "application_name": application_name("action")}
    if through_pooler:
        kwargs["prepare_threshold"] = None
    return kwargs
