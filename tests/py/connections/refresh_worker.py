"""One worker process of the concurrent-refresh test: `jobs` concurrent jobs, each with
its own accessor (as separate sync runs would have), all starting at `start_at`. Each job
gets the credential and calls the QuickBooks sandbox with it (mode `expired`: the stored
token has expired, so get() refreshes; mode `401`: the token looks valid but the provider
rejects it, so the call's 401 triggers refreshed()). Prints a JSON summary: how many jobs
succeeded, the errors, and a short hash of each token used (never the token)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import time
from typing import Any
from uuid import UUID

import httpx
from psycopg_pool import AsyncConnectionPool

from python_workers.config import settings
from python_workers.credentials import credential_accessor
from python_workers.credentials.retry import call_with_credential
from python_workers.providers.contract import Credential
from sandboxes.common.server import RunningSandbox
from tests.py.connections.qbo_calls import company_name


async def main(integration_id: UUID, start_at: float, jobs: int, mode: str, qbo_url: str) -> None:
    chosen = settings()
    assert chosen.database_url is not None
    sandbox = RunningSandbox("quickbooks", port=int(qbo_url.rsplit(":", 1)[1]))
    used: list[str] = []

    async def job(pool: AsyncConnectionPool[Any]) -> None:
        accessor = credential_accessor(pool, "quickbooks", integration_id, chosen)

        async def call(credential: Credential) -> str:
            used.append(hashlib.sha256(str(credential.access_token).encode()).hexdigest()[:12])
            return await company_name(sandbox, credential, http)

        if mode == "expired":
            await call(await accessor.get())
        else:
            await call_with_credential(accessor, call)

    # one HTTP client per worker process, as the engine has
    limits = httpx.Limits(max_connections=10)
    async with (
        httpx.AsyncClient(timeout=30, limits=limits) as http,
        AsyncConnectionPool(chosen.database_url, min_size=jobs, max_size=jobs, open=False) as pool,
    ):
        await pool.wait()
        await asyncio.sleep(max(0.0, start_at - time.time()))
        outcomes = await asyncio.gather(*(job(pool) for _ in range(jobs)), return_exceptions=True)
    errors = [type(o).__name__ for o in outcomes if isinstance(o, BaseException)]
    print(json.dumps({"ok": jobs - len(errors), "errors": errors, "tokens": sorted(set(used))}))


if __name__ == "__main__":
    integration, start, count, how, url = sys.argv[1:6]
    asyncio.run(main(UUID(integration), float(start), int(count), how, url))
