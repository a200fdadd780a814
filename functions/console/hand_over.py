"""The host app hands a signed-in person over to the console: its page posts a form to
POST /console/session with the person's Supabase access token (`access_token`), from an
origin listed in PLUGBOARD_CONSOLE_ALLOWED_ORIGINS. The token is verified as functions/
verifies any access token; the answer sets the console's session cookie and opens the
console. A post from any other origin — or with no Origin header, which browsers always
send on a cross-site form — is refused (403) before the token is looked at, so another
site cannot sign a visitor in as someone else (login CSRF)."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from functions.auth import NotAuthenticated, claims_of_token
from functions.console import session
from functions.console.page import refused
from functions.services import services_of


async def hand_over(request: Request) -> Response:
    settings = services_of(request).settings
    origin = (request.headers.get("origin") or "").rstrip("/")
    if origin not in settings.console_allowed_origins():
        return refused(
            403, "Not allowed",
            "Only the host app's pages (PLUGBOARD_CONSOLE_ALLOWED_ORIGINS) may sign you in here.",
        )  # fmt: skip
    form = await request.form()
    try:
        claims = claims_of_token(str(form.get("access_token") or ""), settings)
    except NotAuthenticated as error:
        return refused(401, "Sign in", f"{error}; sign in to the app again")
    project = str(form.get("project") or "")
    target = "/setup/integrations" + (f"?{urlencode({'project': project})}" if project else "")
    response = RedirectResponse(target, status_code=303)
    token = session.session_token(claims["sub"], claims.get("email"), settings)
    session.give(response, token, settings)
    return response
