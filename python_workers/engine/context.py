"""What an action gets besides the database and HTTP: its credential and a rate budget.

Both are seams with minimal real implementations for now:
- VaultCredentials reads the integration's credential (integration_credentials, the secret
  from Vault as a JSON object of Credential's fields) when the action asks for it. It
  cannot refresh: OAuth refresh arrives with the connections issue (12); until then a
  rejected credential fails the run with `credential_rejected`, asking for a reconnect.
- UnmeteredBudget grants every request at once: per-account provider budgets arrive with
  the provider issues (13, 14), which replace it here. It meters nothing and says so.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any
from uuid import UUID

from psycopg_pool import AsyncConnectionPool
from pydantic import ValidationError

from python_workers.engine.errors import PermanentSyncError
from python_workers.providers.contract import Credential

CREDENTIAL_SQL = """
select s.decrypted_secret, c.external_account_id
from public.integration_credentials as c
join vault.decrypted_secrets as s on s.id = c.vault_secret_id
where (c.scope = 'per_project' and c.project_integration_id = %(integration_id)s)
   or (c.scope = 'global' and c.provider_id = %(provider_id)s)
order by c.scope = 'per_project' desc
limit 1
"""


class VaultCredentials:
    def __init__(
        self, pool: AsyncConnectionPool[Any], integration_id: UUID | None, provider_id: UUID
    ) -> None:
        self._pool = pool
        self._integration_id = integration_id
        self._provider_id = provider_id

    async def get(self) -> Credential:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(
                CREDENTIAL_SQL,
                {"integration_id": self._integration_id, "provider_id": self._provider_id},
            )
            row = await cursor.fetchone()
        if row is None or row[0] is None:
            raise PermanentSyncError(
                "credential_missing", "the integration has no credential: connect it first"
            )
        try:
            credential = Credential.model_validate_json(row[0])
        except ValidationError:  # its message would quote the secret
            raise PermanentSyncError(
                "credential_unreadable", "the stored credential is not in the expected form"
            ) from None
        if credential.external_account_id is None and row[1] is not None:
            credential = credential.model_copy(update={"external_account_id": row[1]})
        return credential

    async def refreshed(self, rejected: Credential) -> Credential:
        raise PermanentSyncError(
            "credential_rejected",
            "the provider rejected the credential and refreshing it is not available yet:"
            " reconnect the integration",
        )


class UnmeteredBudget:
    def acquire(self, cost: int = 1) -> AbstractAsyncContextManager[None]:
        return _granted()


@asynccontextmanager
async def _granted() -> AsyncIterator[None]:
    yield
