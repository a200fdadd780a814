"""One run of a sync job (its log claimed by the job's fetch, jobs.py): resolve the provider's
server action through the server registry, run it with its context, and close the log.

No transaction stays open across a provider call or a wait (issue #22). The claim is one
statement, with the job's fetch (the log shows in_progress while the action runs). The
action's ctx.db is a RunDatabase (run_db.py): its statements run in short transactions on
pooled connections, each ended before the run waits (a provider request, a rate budget, a
token refresh), so what the action read and wrote between two provider calls commits
together, and the connection goes back to the pool while the provider answers. An action
that pushes many records commits its progress as it goes (ctx.progress, progress.py): each
commit holds the records done since the last, their mappings and the log's counts. The log's
final status is written in the run's last transaction, with whatever the action wrote after
its last provider call. A failed attempt rolls back what it did since its last commit and is
recorded in its own transaction: the log waits for the next attempt, or gives up keeping
what was committed. Exactly-once does not rest on one transaction: a create's requestid is
the same on every attempt (a replay after a lost answer returns the first result), its
mapping is written with the result, and runs pushing the same record take turns (record
leases, run_db.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.config import settings
from python_workers.credentials.accessor import VaultCredentialAccessor
from python_workers.credentials.status import record_connection_ok
from python_workers.engine import logs, observe
from python_workers.engine.context import build_action_context
from python_workers.engine.errors import classify
from python_workers.engine.outcome import Outcome, outcome_of
from python_workers.engine.registry import resolve_action
from python_workers.engine.retry import RetryPolicy, RunFailed
from python_workers.engine.run_db import LeaseOwner, RunDatabase
from python_workers.providers.contract import ActionContext, ProjectIntegration

logger = logging.getLogger("plugboard.engine")


@dataclass
class Engine:
    """What every run of one worker process shares."""

    pool: AsyncConnectionPool[Any]
    http: httpx.AsyncClient
    registry: dict[str, str]
    policy: RetryPolicy
    stalled_after_seconds: float  # a silent worker's record leases are free after this


def _context(engine: Engine, run: logs.Run, db: RunDatabase) -> ActionContext:
    integration = ProjectIntegration(
        id=run.project_integration_id,
        project_id=run.project_id,
        provider_key=run.provider_key,
        status=run.integration_status,
        external_account_id=run.external_account_id,
        settings=run.settings,
    )
    return build_action_context(
        engine.pool, integration, db, engine.http, settings(),
        action=run.action, sync_log_id=run.log_id, saved_progress=run.progress,
    )  # fmt: skip


async def _connection_proven(ctx: ActionContext, outcome: Outcome) -> None:
    """A run that used the integration's own credential and did not fail proves the
    connection: one a failed connection test (or an earlier run) left in Error is Connected
    again. Expired, Pending and Disconnected stay: only a reconnect changes them."""
    accessor = ctx.credentials
    if (
        ctx.integration.id is not None
        and ctx.integration.status == "Error"
        and outcome.status != "failed"
        and isinstance(accessor, VaultCredentialAccessor)
        and accessor.own_credential_used
    ):
        await record_connection_ok(ctx.db, ctx.integration.id)


async def run_sync(
    engine: Engine, log_id: UUID, run: logs.Run | None, job_id: int, worker_id: int | None
) -> bool:
    """Runs the run its job's fetch claimed (jobs.py; None: the log was already final).
    True when the run's last transaction acknowledged the job too."""
    if run is None:
        logger.info("sync log %s is already final: nothing to run", log_id)
        return False
    attempt = run.attempt
    observe.run_started(run)
    logger.info("run %s attempt %d: %s.%s", log_id, attempt, run.provider_key, run.action)
    db = RunDatabase(
        engine.pool, log_id, attempt, LeaseOwner(worker_id, engine.stalled_after_seconds)
    )
    try:
        with db.bound():
            action = resolve_action(engine.registry, run.provider_key, run.action)
            ctx = _context(engine, run, db)
            outcome = outcome_of(await action.run(ctx, run.params))
            await _connection_proven(ctx, outcome)
            acknowledged = await logs.finish(db, run, outcome, job_id)
            observe.run_finished(outcome)
            return acknowledged
    except Exception as exc:
        await db.rollback()  # what the attempt did since its last commit
        error = classify(exc)
        retry_in = engine.policy.delay(attempt, error)
        observe.run_failed(error, retry_in)
        async with engine.pool.connection() as conn:
            await logs.fail(conn, log_id, attempt, error, retry_in)
        logger.warning(
            "run %s attempt %d failed (%s)%s",
            log_id,
            attempt,
            error.code,
            "" if retry_in is None else f"; next attempt in {retry_in:.1f}s",
        )
        raise RunFailed(error, retry_in) from exc
    finally:
        await db.rollback()  # a cancelled run returns its connection too (no-op otherwise)
