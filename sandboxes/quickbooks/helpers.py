"""QuickBooks-specific /_sandbox/ routes for tests and local development:

POST /_sandbox/companies                       {"country": "GB"|"US", "name"?} a new company
POST /_sandbox/companies/<realm>/<entity>/<id> {...} change an entity "directly in
                                               QuickBooks" (as its user would; no SyncToken)
POST /_sandbox/tokens                          {"realm_id"} tokens without the consent page
POST /_sandbox/tokens/expire                   every access token expires now
GET  /_sandbox/webhooks                        webhook deliveries made so far
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.quickbooks import faults, operations
from sandboxes.quickbooks.kinds import BY_LOWER_NAME
from sandboxes.quickbooks.state import QuickBooksState
from sandboxes.quickbooks.tokens import SCOPE_ACCOUNTING, Grant


def helper_routes(state: QuickBooksState) -> list[BaseRoute]:
    async def create_company(request: Request) -> Response:
        body = await _body(request)
        try:
            company = state.add_company(str(body.get("country", "GB")), name=body.get("name"))
        except ValueError as error:
            return JSONResponse({"error": str(error)}, 400)
        info = company.get("CompanyInfo", "1")
        return JSONResponse({"realmId": company.realm_id, "CompanyInfo": info and info.entity})

    async def edit_entity(request: Request) -> Response:
        company = state.companies.get(request.path_params["realm"])
        kind = BY_LOWER_NAME.get(request.path_params["entity"].lower())
        if company is None or kind is None:
            return JSONResponse({"error": "unknown realm or entity"}, 404)
        try:
            entity = operations.edit_directly(
                company, kind, request.path_params["id"], await _body(request)
            )
        except faults.QuickBooksFault as fault:
            return fault.response()
        return JSONResponse({kind.name: entity})

    async def issue_tokens(request: Request) -> Response:
        realm_id = str((await _body(request)).get("realm_id", ""))
        if realm_id not in state.companies:
            return JSONResponse({"error": f"unknown realm {realm_id!r}"}, 400)
        grant = Grant(realm_id, state.config.client_id, SCOPE_ACCOUNTING)
        lifetimes = (state.config.access_token_seconds, state.config.refresh_token_seconds)
        issued = state.tokens.issue(grant, lifetimes)
        return JSONResponse({**issued.body(), "realmId": realm_id})

    async def expire_tokens(request: Request) -> Response:
        return JSONResponse({"expired": state.tokens.expire_access_tokens()})

    async def webhook_deliveries(request: Request) -> Response:
        return JSONResponse(state.webhooks.deliveries)

    return [
        Route("/_sandbox/companies", create_company, methods=["POST"]),
        Route("/_sandbox/companies/{realm}/{entity}/{id}", edit_entity, methods=["POST"]),
        Route("/_sandbox/tokens", issue_tokens, methods=["POST"]),
        Route("/_sandbox/tokens/expire", expire_tokens, methods=["POST"]),
        Route("/_sandbox/webhooks", webhook_deliveries, methods=["GET"]),
    ]


async def _body(request: Request) -> dict[str, Any]:
    body = json.loads(await request.body() or b"{}")
    return body if isinstance(body, dict) else {}
