"""Signing in to the console. Locally, `plugboard console --as <email>` prints a link
carrying a one-time sign-in token (HS256 with the Supabase JWT secret, its own audience,
five minutes); the link trades it for the person's session: a Supabase-style access token
(role authenticated, their sub) in an HttpOnly, SameSite=Lax cookie, which every page
verifies as functions/ verifies any access token (functions/auth.py). The cookie's
SameSite=Lax keeps other sites' forms from posting with it."""

from __future__ import annotations

import secrets
import time
from typing import Any
from uuid import UUID

import jwt
from starlette.requests import Request
from starlette.responses import Response

from functions.auth import NotAuthenticated, claims_of_token
from python_workers.config import Settings

COOKIE = "plugboard_console"
SIGN_IN_AUDIENCE = "plugboard-console-sign-in"
SIGN_IN_SECONDS = 5 * 60
SESSION_SECONDS = 8 * 60 * 60


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


def session_for(sign_in: str, settings: Settings, used: set[str]) -> str:
    """The session access token a valid, unused sign-in token buys; `used` holds the
    sign-in tokens already traded (this process's memory: a link works once)."""
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
    if claims["jti"] in used:
        raise NotAuthenticated("this sign-in link was used already; print a new one")
    used.add(claims["jti"])
    now = int(time.time())
    session = {
        "aud": "authenticated", "role": "authenticated", "sub": claims["sub"],
        "email": claims.get("email"), "iat": now, "exp": now + SESSION_SECONDS,
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
