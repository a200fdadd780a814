"""Running a provider's `testConnection` through the server registry and keeping the
integration's status in line with it.

A testConnection action makes one real call with the credential and records what it
learnt itself (record_connection_ok / record_global_credential_test); an action that
fails instead (the provider unreachable, a second 401, a missing credential) is recorded
here: per-project integrations move to Error (Expired stays Expired), global credentials
fail every integration of the provider. Per-project runs also leave a 'testConnection'
sync log.

A test a person asked for (requested_by) is made on their behalf: the status change it
causes is recorded under their name in their project's configuration history, not as
Plugboard's (other projects a global credential's test moves record Plugboard:
private.record_config_change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.config import Settings
from python_workers.credentials.errors import CredentialMissing, ReconnectRequired
from python_workers.credentials.status import log_connection_event, record_connection_problem
from python_workers.credentials.store import on_behalf_of, service_role
from python_workers.engine.context import build_action_context
from python_workers.providers import load_processor
from python_workers.providers.contract import ProjectIntegration

INTEGRATION_SQL = """
select pi.project_id, pi.status::text, pi.external_account_id, pi.settings
from public.project_integrations as pi where pi.id = %s
"""
GLOBAL_VERIFIED_SQL = """
select c.verified_at >= %s
from public.integration_credentials as c
join public.integration_providers as p on p.id = c.provider_id
where p.key = %s and c.scope = 'global'
"""
STATUS_SQL = """
select pi.status::text, pi.last_error_code, pi.last_error_message
from public.project_integrations as pi where pi.id = %s
"""


@dataclass(frozen=True)
class ConnectionTest:
    ok: bool
    code: str | None = None
    message: str | None = None


async def run_connection_test(
    pool: AsyncConnectionPool[Any],
    provider_key: str,
    project_integration_id: UUID | None,
    *,
    settings: Settings,
    http: httpx.AsyncClient,
    transport: httpx.AsyncBaseTransport | None = None,
    requested_by: UUID | None = None,
) -> ConnectionTest:
    """project_integration_id None: the provider's global credential."""
    integration = await _integration(pool, provider_key, project_integration_id)
    action = load_processor(provider_key).get("testConnection")
    if action is None:
        return ConnectionTest(False, "not_available", f"{provider_key} has no testConnection")
    failure: Exception | None = None
    async with pool.connection() as conn:
        # the action runs in this transaction: what it verifies is stamped now() or later
        started = (await (await conn.execute("select now()")).fetchone() or [None])[0]
        await on_behalf_of(conn, requested_by)
        ctx = build_action_context(
            pool, integration, conn, http, settings,
            action="testConnection", token_transport=transport,
        )  # fmt: skip
        try:
            await action.run(ctx, {})
        except Exception as error:  # any failure of the test is its outcome
            failure = error
    problem = _problem(failure)
    async with pool.connection() as conn, service_role(conn):
        await on_behalf_of(conn, requested_by)
        if project_integration_id is None:
            return await _global_outcome(conn, provider_key, started, problem)
        return await _per_project_outcome(
            conn, project_integration_id, failure, problem, requested_by
        )


def _problem(failure: Exception | None) -> tuple[str, str] | None:
    """(code, message) of a failure: ProviderError and SyncError carry safe ones; anything
    else is named by its type only (its text might quote a request)."""
    if failure is None:
        return None
    code = getattr(failure, "code", None)
    message = getattr(failure, "message", None)
    if isinstance(code, str) and isinstance(message, str):
        return code, message
    return "error", f"the connection test failed ({type(failure).__name__})"


async def _integration(
    pool: AsyncConnectionPool[Any], provider_key: str, project_integration_id: UUID | None
) -> ProjectIntegration:
    if project_integration_id is None:
        return ProjectIntegration(id=None, project_id=None, provider_key=provider_key)
    async with pool.connection() as conn, service_role(conn):
        row = await (await conn.execute(INTEGRATION_SQL, (project_integration_id,))).fetchone()
    if row is None:
        raise LookupError(f"no project integration {project_integration_id}")
    return ProjectIntegration(
        id=project_integration_id, project_id=row[0], provider_key=provider_key,
        status=row[1], external_account_id=row[2], settings=row[3],
    )  # fmt: skip


async def _global_outcome(
    conn: Any, provider_key: str, started: Any, problem: tuple[str, str] | None
) -> ConnectionTest:
    if problem is not None:
        await conn.execute(
            "select private.record_global_credential_test(%s, false, %s, %s)",
            (provider_key, *problem),
        )
        return ConnectionTest(False, *problem)
    row = await (await conn.execute(GLOBAL_VERIFIED_SQL, (started, provider_key))).fetchone()
    if row and row[0]:
        return ConnectionTest(True)
    return ConnectionTest(False, "rejected", f"{provider_key} did not accept the credential")


async def _per_project_outcome(
    conn: Any,
    project_integration_id: UUID,
    failure: Exception | None,
    problem: tuple[str, str] | None,
    requested_by: UUID | None,
) -> ConnectionTest:
    if problem is not None:
        # Expired (a refresh already said reconnect) and never-connected stay as they are
        keep = isinstance(failure, ReconnectRequired | CredentialMissing)
        await record_connection_problem(
            conn, project_integration_id, None if keep else "Error", *problem
        )
        outcome = ConnectionTest(False, *problem)
    else:
        row = await (await conn.execute(STATUS_SQL, (project_integration_id,))).fetchone()
        if row is not None and row[0] == "Connected":
            outcome = ConnectionTest(True)
        else:
            outcome = ConnectionTest(False, row[1] if row else None, row[2] if row else None)
    await log_connection_event(
        conn, project_integration_id, "testConnection",
        error=None if outcome.ok else (outcome.code or "failed", outcome.message or "failed"),
        requested_by=requested_by,
    )  # fmt: skip
    return outcome
