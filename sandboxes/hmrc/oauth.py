"""HMRC's OAuth 2.0 endpoints: the authorization (consent) page and the token endpoint.

GET /oauth/authorize shows the grant-authority page; a person (or a test) answers it with
POST /oauth/authorize, decision=approve|deny, the VRN of the organisation signing in and
the employer PAYE reference of the PAYE scheme it runs (empref, optional).
POST /oauth/token takes its parameters, client credentials included, in the form body.
PKCE is optional, as at HMRC: a code asked for with a code_challenge needs its verifier.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.hmrc.config import HmrcConfig
from sandboxes.hmrc.consent_page import consent_page, error_page
from sandboxes.hmrc.errors import oauth_error
from sandboxes.hmrc.state import HmrcState, hmrc_state
from sandboxes.hmrc.tokens import GrantRefused, IssuedTokens, Pkce

SCOPES = frozenset({"read:vat", "write:vat", "read:apprenticeship-levy"})
VRN_DIGITS = 9
EMPREF = re.compile(r"\d{3}/[A-Za-z0-9]{1,10}")


@dataclass(frozen=True)
class AuthorizationRequest:
    client_id: str
    redirect_uri: str
    scopes: frozenset[str]
    state: str | None
    response_type: str
    pkce: Pkce | None

    @classmethod
    def read(cls, params: Any) -> AuthorizationRequest:
        return cls(
            client_id=params.get("client_id", ""),
            redirect_uri=params.get("redirect_uri", ""),
            scopes=frozenset(params.get("scope", "").split()),
            state=params.get("state"),
            response_type=params.get("response_type", ""),
            pkce=Pkce(challenge, params.get("code_challenge_method", "plain"))
            if (challenge := params.get("code_challenge"))
            else None,
        )

    def redirect(self, **params: str) -> Response:
        if self.state is not None:
            params["state"] = self.state
        separator = "&" if "?" in self.redirect_uri else "?"
        return RedirectResponse(f"{self.redirect_uri}{separator}{urlencode(params)}", 303)


def subscribed(config: HmrcConfig) -> frozenset[str]:
    """The scopes the application may ask for: those of the APIs it is subscribed to."""
    return SCOPES & frozenset(config.subscribed_scopes)


def _check(config: HmrcConfig, asked: AuthorizationRequest) -> Response | None:
    """An error page when the redirect cannot be trusted, else a redirect with the error."""
    if asked.client_id != config.client_id:
        return error_page("invalid_client", "The client_id is not a registered application.")
    if not asked.redirect_uri or (
        config.redirect_uris and asked.redirect_uri not in config.redirect_uris
    ):
        return error_page("invalid_request", "The redirect_uri is missing or not registered.")
    if asked.response_type != "code":
        return asked.redirect(error="unsupported_response_type")
    if not asked.scopes or not asked.scopes <= subscribed(config):
        return asked.redirect(error="invalid_scope")
    if asked.pkce is not None and asked.pkce.method not in ("S256", "plain"):
        return asked.redirect(error="invalid_request", error_description="unknown PKCE method")
    return None


async def authorize_page(request: Request) -> Response:
    state = hmrc_state(request)
    asked = AuthorizationRequest.read(request.query_params)
    refused = _check(state.config, asked)
    if refused is not None:
        return refused
    return HTMLResponse(
        consent_page(
            dict(request.query_params), state.config.default_vrn, state.config.default_empref
        )
    )


async def authorize_decision(request: Request) -> Response:
    state = hmrc_state(request)
    form = await request.form()
    asked = AuthorizationRequest.read(form)
    refused = _check(state.config, asked)
    if refused is not None:
        return refused
    if form.get("decision") != "approve":
        state.count("consents_denied")
        return asked.redirect(error="access_denied", error_description="user denied access")
    vrn = str(form.get("vrn", state.config.default_vrn)).strip()
    empref = str(form.get("empref", state.config.default_empref)).strip().upper()
    problem = (
        "Enter a 9-digit VRN."
        if not (vrn.isdigit() and len(vrn) == VRN_DIGITS)
        else "Enter an employer PAYE reference like 123/AB12345."
        if not EMPREF.fullmatch(empref)
        else None
    )
    if problem is not None:
        return HTMLResponse(
            consent_page({k: str(v) for k, v in form.items()}, vrn, empref, problem=problem),
            status_code=400,
        )
    state.count("consents_approved")
    code = state.tokens.consent(
        asked.client_id,
        asked.scopes,
        vrn,
        asked.redirect_uri,
        asked.pkce,
        emprefs=frozenset({empref}),
        grant_seconds=state.config.grant_seconds,
        code_seconds=state.config.authorization_code_seconds,
    )
    return asked.redirect(code=code)


async def token(request: Request) -> Response:
    state = hmrc_state(request)
    form = await request.form()
    grant_type = str(form.get("grant_type", ""))
    state.count("token_calls")
    state.count(f"token_calls_{grant_type or 'missing'}")
    config = state.config
    client_id, secret = str(form.get("client_id", "")), str(form.get("client_secret", ""))
    if not client_id or not secret:
        return oauth_error(400, "invalid_request", "client_id and client_secret are required")
    if client_id != config.client_id or not hmac.compare_digest(
        secret, config.client_secret.get_secret_value()
    ):
        return oauth_error(401, "invalid_client", "invalid client id or secret")
    try:
        issued = _issue(state, grant_type, form)
    except GrantRefused as refused:
        return oauth_error(400, "invalid_grant", str(refused))
    if isinstance(issued, Response):
        return issued
    return JSONResponse(issued.as_json(), headers={"Cache-Control": "no-store"})


def _issue(state: HmrcState, grant_type: str, form: Any) -> IssuedTokens | Response:
    config = state.config
    seconds = config.access_token_seconds
    if grant_type == "authorization_code":
        code, redirect_uri = form.get("code"), form.get("redirect_uri")
        if not code or not redirect_uri:
            return oauth_error(400, "invalid_request", "code and redirect_uri are required")
        verifier = form.get("code_verifier")
        return state.tokens.redeem_code(
            str(code), config.client_id, str(redirect_uri), verifier and str(verifier), seconds
        )
    if grant_type == "refresh_token":
        refresh_token = form.get("refresh_token")
        if not refresh_token:
            return oauth_error(400, "invalid_request", "refresh_token is required")
        return state.tokens.refresh_grant(str(refresh_token), config.client_id, seconds)
    if grant_type == "client_credentials":
        scopes = frozenset(str(form.get("scope", "")).split())
        if not scopes <= subscribed(config):
            return oauth_error(400, "invalid_scope", "scope is invalid")
        return state.tokens.client_credentials(config.client_id, scopes, seconds)
    return oauth_error(400, "unsupported_grant_type", "grant_type is not supported")


ROUTES: list[BaseRoute] = [
    Route("/oauth/authorize", authorize_page, methods=["GET"]),
    Route("/oauth/authorize", authorize_decision, methods=["POST"]),
    Route("/oauth/token", token, methods=["POST"]),
]
