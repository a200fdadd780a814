"""Who is calling: a Supabase access token (HS256, signed with the project's JWT secret,
audience `authenticated`) in the Authorization header. Its claims are what PostgREST would
set as request.jwt.claims, so SQL permission checks (private.has_permission) see the same
user."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

import jwt
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request

from python_workers.config import Settings
from python_workers.credentials.store import service_role


class NotAuthenticated(Exception):
    """No valid Supabase access token (the message is safe to show)."""


def verified_claims(request: Request, settings: Settings) -> dict[str, Any]:
    if settings.supabase_jwt_secret is None:
        raise NotAuthenticated("SUPABASE_JWT_SECRET is not configured on this server")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("sign in first (Authorization: Bearer <Supabase access token>)")
    return claims_of_token(token, settings)


def claims_of_token(token: str, settings: Settings) -> dict[str, Any]:
    """The claims of a signed-in user's Supabase access token, verified."""
    if settings.supabase_jwt_secret is None:
        raise NotAuthenticated("SUPABASE_JWT_SECRET is not configured on this server")
    try:
        claims: dict[str, Any] = jwt.decode(
            token.strip(),
            settings.supabase_jwt_secret.get_secret_value(),
            algorithms=["HS256"],
            audience="authenticated",
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError as error:
        raise NotAuthenticated(f"the access token is not valid ({type(error).__name__})") from None
    if claims.get("role") != "authenticated":
        raise NotAuthenticated("the access token is not a signed-in user's")
    if _uuid(claims["sub"]) is None:
        raise NotAuthenticated("the access token's sub is not a user id (a uuid)")
    return claims


def user_id(claims: Mapping[str, Any]) -> UUID:
    """The user of claims that verified_claims passed."""
    found = _uuid(claims["sub"])
    assert found is not None
    return found


def _uuid(value: object) -> UUID | None:
    """`value` when it is a uuid in the canonical text form PostgreSQL's auth.uid() casts
    (Python would also take braces, urn:uuid: and no hyphens)."""
    try:
        parsed = UUID(str(value))
    except ValueError:
        return None
    return parsed if isinstance(value, str) and str(parsed) == value.lower() else None


async def may_manage_integrations(
    pool: AsyncConnectionPool[Any], claims: Mapping[str, Any], project_id: UUID
) -> bool:
    """integration:manage in the project for the token's user (private.has_permission)."""
    async with pool.connection() as conn, service_role(conn):
        await conn.execute(
            "select set_config('request.jwt.claims', %s, true)", (json.dumps(dict(claims)),)
        )
        row = await (
            await conn.execute(
                "select private.has_permission(%s, 'integration:manage')", (project_id,)
            )
        ).fetchone()
    return bool(row and row[0])
