"""Signing in to the console, two ways to the same session: a Supabase-style access token
(role authenticated, the person's sub, eight hours) in an HttpOnly, SameSite=Lax cookie,
which every page verifies as functions/ verifies any access token (functions/auth.py).

- Locally, `plugboard console --as <email>` prints a link carrying a one-time sign-in token
  (HS256 with the Supabase JWT secret, its own audience, five minutes); the database
  remembers each link traded (private.console_sign_ins), so it works once in every process.
- In production the host app hands the person over: its page posts their Supabase access
  token to /console/session (functions/console/hand_over.py)."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import jwt
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request
from starlette.responses import Response

from functions.auth import NotAuthenticated, claims_of_token
from python_workers.config import Settings
from python_workers.credentials.store import service_role

COOKIE = "plugboard_console"
SIGN_IN_AUDIENCE = "plugboard-console-sign-in"
SIGN_IN_SECONDS = 5 * 60
SESSION_SECONDS = 8 * 60 * 60

# the link's jti, once: a second insert of it (any process) takes no row
TAKE_SIGN_IN = """
with expired as (delete from private.console_sign_ins where expires_at < now())
insert into private.console_sign_ins (jti, expires_at) values (%s, %s)
on conflict (jti) do nothing
"""


def _secret(settings: Settings) -> str:
    if settings.supabase_jwt_secret is None:
        raise NotAuthenticated("SUPABASE_JWT_SECRET is not configured on this server")
    return settings.supabase_jwt_secret.get_secret_value()


def sign_in_token(user_id: UUID, email: str, settings: Settings) -> str:
    now = int(time.time())
    claims = {
        "aud": SIGN_IN_AUDIENCE, "sub": str(user_id), "email": email,
        "iat": now, "exp": now + SIGN_IN_SECONDS, "jti": secrets.token_urlsafe(16),
    }  # fmt: skip
    return jwt.encode(claims, _secret(settings), algorithm="HS256")


async def session_for(sign_in: str, settings: Settings, pool: AsyncConnectionPool[Any]) -> str:
    """The session a valid sign-in token buys, once: the database records the link used."""
    try:
        claims: dict[str, Any] = jwt.decode(
            sign_in, _secret(settings), algorithms=["HS256"], audience=SIGN_IN_AUDIENCE,
            options={"require": ["exp", "sub", "jti"]},
        )  # fmt: skip
    except jwt.PyJWTError as error:
        raise NotAuthenticated(
            f"this sign-in link is not valid ({type(error).__name__}); "
            "print a new one with `plugboard console --as <email>`"
        ) from None
    async with pool.connection() as conn, service_role(conn):
        taken = await conn.execute(
            TAKE_SIGN_IN, (str(claims["jti"]), datetime.fromtimestamp(claims["exp"], UTC))
        )
    if taken.rowcount != 1:
        raise NotAuthenticated("this sign-in link was used already; print a new one")
    return session_token(str(claims["sub"]), claims.get("email"), settings)


def session_token(sub: str, email: object, settings: Settings) -> str:
    now = int(time.time())
    session = {
        "aud": "authenticated", "role": "authenticated", "sub": sub,
        "email": email, "iat": now, "exp": now + SESSION_SECONDS,
    }  # fmt: skip
    return jwt.encode(session, _secret(settings), algorithm="HS256")


def give(response: Response, session: str, settings: Settings) -> None:
    response.set_cookie(
        COOKIE, session, max_age=SESSION_SECONDS, path="/",
        secure=settings.functions_url().startswith("https://"), httponly=True, samesite="lax",
    )  # fmt: skip


def claims(request: Request, settings: Settings) -> dict[str, Any]:
    token = request.cookies.get(COOKIE)
    if not token:
        raise NotAuthenticated("sign in first: `plugboard console --as <email>` prints a link")
    return claims_of_token(token, settings)
