"""A database transaction as PostgREST runs a signed-in person's request: role
authenticated and the person's JWT claims, so row level security and the RPCs' permission
checks see exactly what supabase-js would."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool


@asynccontextmanager
async def as_person(
    pool: AsyncConnectionPool[Any], claims: Mapping[str, Any]
) -> AsyncIterator[AsyncConnection[Any]]:
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("set local role authenticated")
        await conn.execute(
            "select set_config('request.jwt.claims', %s, true)", (json.dumps(dict(claims)),)
        )
        yield conn
