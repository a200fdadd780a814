"""Setting a global API key (Companies House) and testing it with a real call."""

from __future__ import annotations

from typing import Any

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.config import Settings
from python_workers.connections.connection_test import ConnectionTest, run_connection_test
from python_workers.credentials.store import service_role


async def set_and_test_api_key(
    pool: AsyncConnectionPool[Any],
    provider_key: str,
    api_key: str,
    settings: Settings,
    http: httpx.AsyncClient,
) -> ConnectionTest:
    """Stores the key through the service_role RPC (integration_set_api_key), then tests
    it; every integration of the provider follows the test's outcome."""
    async with pool.connection() as conn, service_role(conn):
        await conn.execute("select public.integration_set_api_key(%s, %s)", (provider_key, api_key))
    return await run_connection_test(pool, provider_key, None, settings=settings, http=http)
