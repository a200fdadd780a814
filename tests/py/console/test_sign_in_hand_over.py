"""Proves, over real HTTP against `plugboard functions`: the host app's page hands a person
over with their Supabase access token (POST /console/session) and gets the console's
HttpOnly, SameSite=Lax session cookie, which opens the pages as that person; a forged or
expired token is refused (401) and a post from another origin, or with none, is refused
(403) without a cookie; a one-time sign-in link used on one functions/ process is refused
by a second process on the same database."""

from __future__ import annotations

import time

import httpx
import jwt

from sandboxes.common.server import free_port
from tests.py.connections.conftest import JWT_SECRET, World
from tests.py.console.conftest import HOST_APP, Functions, serving

LOGS = "/setup/integrations/logs"


def access_token(world: World, secret: str = JWT_SECRET, lifetime: int = 3600) -> str:
    """A Supabase access token of the owner, as the host app holds it."""
    claims = {
        "sub": str(world.owner_id), "role": "authenticated", "aud": "authenticated",
        "email": "owner@test.invalid", "exp": int(time.time()) + lifetime,
    }  # fmt: skip
    return jwt.encode(claims, secret, algorithm="HS256")


def hand_over(functions: Functions, token: str, origin: str | None) -> httpx.Response:
    headers = {"origin": origin} if origin is not None else {}
    return httpx.post(
        f"{functions.base_url}/console/session",
        data={"access_token": token}, headers=headers, timeout=30,
    )  # fmt: skip


def test_the_host_app_hands_a_signed_in_person_over(
    world: World, functions_server: Functions
) -> None:
    answer = hand_over(functions_server, access_token(world), HOST_APP)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/setup/integrations"
    cookie = answer.headers["set-cookie"].lower()
    assert cookie.startswith("plugboard_console=")
    assert "httponly" in cookie and "samesite=lax" in cookie
    with httpx.Client(base_url=functions_server.base_url, cookies=answer.cookies) as client:
        logs = client.get(LOGS)
        assert logs.status_code == 200
        assert "Logs" in logs.text


def test_a_forged_or_expired_token_is_refused(world: World, functions_server: Functions) -> None:
    forged = access_token(world, secret="not-the-secret-but-long-enough-to-sign-with")
    expired = access_token(world, lifetime=-60)
    for token, reason in ((forged, "InvalidSignatureError"), (expired, "ExpiredSignatureError")):
        answer = hand_over(functions_server, token, HOST_APP)
        assert answer.status_code == 401
        assert reason in answer.text
        assert "set-cookie" not in answer.headers
    assert hand_over(functions_server, "", HOST_APP).status_code == 401


def test_another_origin_is_refused_before_the_token_is_read(
    world: World, functions_server: Functions
) -> None:
    for origin in ("https://evil.test.invalid", HOST_APP + ".evil.test.invalid", "null", None):
        answer = hand_over(functions_server, access_token(world), origin)
        assert answer.status_code == 403, origin
        assert "set-cookie" not in answer.headers


def test_a_link_used_on_one_process_is_refused_by_another(
    world: World, functions_server: Functions
) -> None:
    link = functions_server.sign_in_link("owner@test.invalid")
    port = str(free_port())
    second = functions_server.environment | {"PLUGBOARD_FUNCTIONS_PORT": port}
    with serving(second) as second_url:
        path = link.removeprefix(functions_server.base_url)
        assert httpx.get(link, timeout=30).status_code == 303
        again = httpx.get(second_url + path, timeout=30)
        assert again.status_code == 401
        assert "used already" in again.text
