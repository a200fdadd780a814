"""Intuit's OAuth 2.0 endpoints: consent page, token, revocation, userinfo, discovery.

Paths are Intuit's own (appcenter.intuit.com/connect/oauth2, oauth.platform.intuit.com/
oauth2/v1/tokens/...), all served from the sandbox's base URL.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import html
import json
import time
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.quickbooks.state import QuickBooksState
from sandboxes.quickbooks.tokens import SCOPE_ACCOUNTING, GrantError

AUTHORIZE_PATH = "/connect/oauth2"
TOKEN_PATH = "/oauth2/v1/tokens/bearer"
REVOKE_PATH = "/oauth2/v1/tokens/revoke"
USERINFO_PATH = "/v1/openid_connect/userinfo"
JWKS_PATH = "/op/v1/jwks"
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def oauth_routes(state: QuickBooksState) -> list[BaseRoute]:
    async def consent_page(request: Request) -> Response:
        params = dict(request.query_params)
        problem = _authorization_problem(state, params)
        if problem is not None:
            return problem
        if SCOPE_ACCOUNTING not in params.get("scope", "").split():
            return _redirect(params, {"error": "invalid_scope"})
        return HTMLResponse(_consent_html(state, params))

    async def decide(request: Request) -> Response:
        params = {key: str(value) for key, value in (await request.form()).items()}
        problem = _authorization_problem(state, params)
        if problem is not None:
            return problem
        realm_id = params.get("realm_id", "")
        if params.get("decision") != "approve":
            return _redirect(params, {"error": "access_denied"})
        if realm_id not in state.companies:
            return HTMLResponse("<p>Choose a company.</p>", status_code=400)
        code = state.tokens.issue_code(
            realm_id,
            params["client_id"],
            params["redirect_uri"],
            params.get("scope", ""),
            state.config.authorization_code_seconds,
        )
        return _redirect(params, {"code": code, "realmId": realm_id})

    async def token(request: Request) -> Response:
        state.count("token_calls")
        if not _client_authenticated(state, request):
            return JSONResponse({"error": "invalid_client"}, 401, _NO_STORE)
        form = await request.form()
        grant_type = str(form.get("grant_type", ""))
        state.count(f"token_calls_{grant_type or 'missing'}")
        lifetimes = (state.config.access_token_seconds, state.config.refresh_token_seconds)
        client_id = state.config.client_id
        try:
            if grant_type == "authorization_code":
                issued = state.tokens.exchange_code(
                    str(form.get("code", "")), client_id, str(form.get("redirect_uri", "")),
                    lifetimes,
                )  # fmt: skip
            elif grant_type == "refresh_token":
                issued = state.tokens.use_refresh_token(
                    str(form.get("refresh_token", "")), client_id, lifetimes
                )
            else:
                return JSONResponse({"error": "unsupported_grant_type"}, 400, _NO_STORE)
        except GrantError as error:
            return JSONResponse({"error": error.error}, 400, _NO_STORE)
        return JSONResponse(issued.body(), headers=_NO_STORE)

    async def revoke(request: Request) -> Response:
        state.count("revoke_calls")
        if not _client_authenticated(state, request):
            return JSONResponse({"error": "invalid_client"}, 401)
        if "json" in request.headers.get("content-type", ""):
            body = json.loads(await request.body() or b"{}")
            token_value = str(body.get("token", "")) if isinstance(body, dict) else ""
        else:
            token_value = str((await request.form()).get("token", ""))
        if not token_value:
            return JSONResponse({"error": "invalid_request"}, 400)
        # RFC 7009: an unknown token is not an error for the client that revokes it.
        state.tokens.revoke(token_value)
        return Response(status_code=200)

    async def userinfo(request: Request) -> Response:
        bearer = request.headers.get("authorization", "")
        record = state.tokens.access.get(bearer.removeprefix("Bearer ").strip())
        if record is None or record.expires_at < time.time():
            return JSONResponse({"error": "invalid_token"}, 401)
        realm = record.grant.realm_id
        return JSONResponse(
            {"sub": f"sandbox-user-{realm}", "email": "sandbox.user@example.com",
             "emailVerified": True, "givenName": "Sandbox", "familyName": "User"}
        )  # fmt: skip

    async def discovery(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return JSONResponse(
            {
                "issuer": f"{base}/op/v1",
                "authorization_endpoint": base + AUTHORIZE_PATH,
                "token_endpoint": base + TOKEN_PATH,
                "userinfo_endpoint": base + USERINFO_PATH,
                "revocation_endpoint": base + REVOKE_PATH,
                "jwks_uri": base + JWKS_PATH,
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile", "address", "phone",
                                     SCOPE_ACCOUNTING, "com.intuit.quickbooks.payment"],
                # Intuit also lists client_secret_post; its docs and SDKs use HTTP Basic,
                # which is all the sandbox accepts, so the document says so.
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                "claims_supported": ["aud", "exp", "iat", "iss", "realmid", "sub"],
            }
        )  # fmt: skip

    async def jwks(request: Request) -> Response:
        return JSONResponse({"keys": []})  # the sandbox issues no ID tokens to verify

    return [
        Route(AUTHORIZE_PATH, consent_page, methods=["GET"]),
        Route(AUTHORIZE_PATH, decide, methods=["POST"]),
        Route(TOKEN_PATH, token, methods=["POST"]),
        Route(REVOKE_PATH, revoke, methods=["POST"]),
        Route(USERINFO_PATH, userinfo, methods=["GET"]),
        Route(JWKS_PATH, jwks, methods=["GET"]),
        Route("/.well-known/openid_configuration", discovery, methods=["GET"]),
        Route("/.well-known/openid_sandbox_configuration", discovery, methods=["GET"]),
    ]


def _authorization_problem(state: QuickBooksState, params: dict[str, str]) -> Response | None:
    """Errors shown on the page itself, before the redirect URI can be trusted."""
    if params.get("client_id") != state.config.client_id:
        return HTMLResponse("<p>Unknown client_id.</p>", status_code=400)
    if params.get("response_type", "code") != "code":
        return HTMLResponse("<p>response_type must be code.</p>", status_code=400)
    redirect_uri = params.get("redirect_uri", "")
    allowed = state.config.redirect_uris
    if not redirect_uri or (allowed and redirect_uri not in allowed):
        return HTMLResponse("<p>redirect_uri is not registered for this app.</p>", 400)
    return None


def _redirect(params: dict[str, str], answer: dict[str, str]) -> Response:
    if params.get("state"):
        answer = {**answer, "state": params["state"]}
    separator = "&" if "?" in params["redirect_uri"] else "?"
    return RedirectResponse(params["redirect_uri"] + separator + urlencode(answer), 302)


def _client_authenticated(state: QuickBooksState, request: Request) -> bool:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    expected = state.config.client_secret.get_secret_value()
    return client_id == state.config.client_id and hmac.compare_digest(secret, expected)


def _consent_html(state: QuickBooksState, params: dict[str, str]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(key)}" value="{html.escape(params[key])}">'
        for key in ("client_id", "redirect_uri", "scope", "state", "response_type")
        if key in params
    )
    choices = "".join(
        f'<label><input type="radio" name="realm_id" value="{realm}"{" checked" if i == 0 else ""}>'
        f" {html.escape(company.name)}"
        f" ({company.country}, realmId {realm})</label><br>"
        for i, (realm, company) in enumerate(state.companies.items())
    )
    return (
        "<!doctype html><html><head><title>Connect to QuickBooks (sandbox)</title></head><body>"
        "<h1>Connect your QuickBooks company</h1>"
        f"<p>The app <b>{html.escape(params['client_id'])}</b> asks to read and write your "
        "accounting data.</p>"
        f'<form method="post" action="{AUTHORIZE_PATH}">{hidden}{choices}'
        '<button name="decision" value="approve">Connect</button> '
        '<button name="decision" value="deny">Cancel</button></form></body></html>'
    )
