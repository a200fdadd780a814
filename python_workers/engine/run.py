"""One run of a sync job: claim its log, resolve the provider's server action through the
server registry, run it with its context, and close the log.

The action runs inside one transaction on ctx.db; the log's final status is written in
that same transaction, so its mappings / reference data and the log commit together or
not at all. (The transaction stays open while the action calls the provider: the price of
that atomicity, one connection per running job.) An action that pushes many records may
commit its progress as it goes (ctx.progress, progress.py): each commit holds the records
done since the last one, their mappings and the log's counts, and ends that transaction
(the next statement starts another). A failed attempt rolls back what it did since its
last commit and is recorded in its own transaction: the log waits for the next attempt,
or gives up keeping what was committed.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
import psycopg
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
from python_workers.providers.contract import ActionContext, ProjectIntegration

logger = logging.getLogger("plugboard.engine")


@dataclass
class Engine:
    """What every run of one worker process shares."""

    pool: AsyncConnectionPool[Any]
    http: httpx.AsyncClient
    registry: dict[str, str]
    policy: RetryPolicy


def _context(engine: Engine, run: logs.Run, db: Any) -> ActionContext:
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


async def run_sync(engine: Engine, log_id: UUID, attempt: int) -> None:
    # one connection for the claim (committed at once: the log shows in_progress while the
    # action runs) and the action's transaction: a second checkout cost trigger latency
    async with engine.pool.connection() as conn:
        run = await logs.claim(conn, log_id, attempt)
        if run is None:
            logger.info("sync log %s is already final: nothing to run", log_id)
            return
        observe.run_started(run)
        logger.info("run %s attempt %d: %s.%s", log_id, attempt, run.provider_key, run.action)
        try:
            action = resolve_action(engine.registry, run.provider_key, run.action)
            # not autocommitted: statements join one transaction until the run (or its
            # progress) commits
            await conn.set_autocommit(False)
            try:
                ctx = _context(engine, run, conn)
                outcome = outcome_of(await action.run(ctx, run.params))
                await logs.finish(conn, run, outcome)
                await _connection_proven(ctx, outcome)
                await conn.commit()
                observe.run_finished(outcome)
            finally:
                await _autocommit_again(conn)
        except Exception as exc:
            error = classify(exc)
            retry_in = engine.policy.delay(attempt, error)
            observe.run_failed(error, retry_in)
            # on a connection of its own: the failure may have broken this one
            async with engine.pool.connection() as other:
                await logs.fail(other, log_id, attempt, error, retry_in)
            logger.warning(
                "run %s attempt %d failed (%s)%s",
                log_id,
                attempt,
                error.code,
                "" if retry_in is None else f"; next attempt in {retry_in:.1f}s",
            )
            raise RunFailed(error, retry_in) from exc


async def _autocommit_again(conn: psycopg.AsyncConnection[Any]) -> None:
    """Rolls back what was not committed and gives the pool its connection as it lent it
    (a broken one the pool discards)."""
    with contextlib.suppress(psycopg.Error):
        await conn.rollback()
        await conn.set_autocommit(True)
