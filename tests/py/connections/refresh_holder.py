"""A refresher process for the lease tests: refreshes the QuickBooks credential of a
project integration with a lease of `lease_seconds` (the test kills it while the token
endpoint is slow, leaving its lease behind)."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from uuid import UUID

from psycopg_pool import AsyncConnectionPool

from python_workers.config import settings
from python_workers.credentials.oauth_providers import oauth_provider
from python_workers.credentials.refresh import refresh_credential


async def main(integration_id: UUID, lease_seconds: float) -> None:
    chosen = settings()
    assert chosen.database_url is not None
    provider = oauth_provider("quickbooks", chosen)
    async with AsyncConnectionPool(chosen.database_url, min_size=1, open=False) as pool:
        await refresh_credential(
            pool, provider, integration_id, None, lease=timedelta(seconds=lease_seconds)
        )


if __name__ == "__main__":
    asyncio.run(main(UUID(sys.argv[1]), float(sys.argv[2])))
