"""The one place an ActionContext is built: for a queued run (engine/run.py) and for a
connection test (connections/connection_test.py), so both give an action the same
credential accessor, rate budget and logger.

UnmeteredBudget is the rate budget of providers that declare none in
python_workers/providers/budgets.py: it grants every request at once, metering nothing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any
from uuid import UUID

import httpx
import psycopg
from psycopg_pool import AsyncConnectionPool

from python_workers.config import Settings
from python_workers.credentials.accessor import credential_accessor
from python_workers.engine.progress import Progress
from python_workers.providers.budgets import budget_for
from python_workers.providers.contract import ActionContext, ProjectIntegration

logger = logging.getLogger("plugboard.engine")


class UnmeteredBudget:
    def acquire(self, cost: int = 1) -> AbstractAsyncContextManager[None]:
        return _granted()


@asynccontextmanager
async def _granted() -> AsyncIterator[None]:
    yield


def build_action_context(
    pool: AsyncConnectionPool[Any],
    integration: ProjectIntegration,
    db: psycopg.AsyncConnection[Any],
    http: httpx.AsyncClient,
    settings: Settings,
    *,
    action: str,
    sync_log_id: UUID | None = None,
    saved_progress: dict[str, Any] | None = None,
    token_transport: httpx.AsyncBaseTransport | None = None,
) -> ActionContext:
    """The context `action` runs in for `integration`, on the transaction of `db`.

    sync_log_id: the queued run's log (its progress commits there); None for a
    connection test, which has no log of its own while it runs. token_transport: where
    a token refresh is sent (tests point it at a sandbox), the default otherwise.
    """
    log_fields = {"provider": integration.provider_key, "action": action}
    if sync_log_id is not None:
        log_fields["log_id"] = str(sync_log_id)
    return ActionContext(
        integration=integration,
        credentials=credential_accessor(
            pool, integration.provider_key, integration.id, settings, token_transport
        ),
        db=db,
        http=http,
        log=logging.LoggerAdapter(logger, log_fields),
        budget=budget_for(pool, integration) or UnmeteredBudget(),
        sync_log_id=sync_log_id,
        progress=Progress(db, sync_log_id, saved_progress)
        if sync_log_id is not None
        else Progress(),
    )
