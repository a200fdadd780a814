"""GET /connections/{provider}/status?project_id=…: the project integration's connection
state as the signed-in user may see it (read under RLS, as PostgREST would), no secrets."""

from __future__ import annotations

from uuid import UUID

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from functions.as_person import as_person
from functions.auth import NotAuthenticated, verified_claims
from functions.services import services_of

STATUS_SQL = """
select provider_key, status::text, external_account_id, connected_at, connection_expires_at,
       connection_expiry_warning, last_error_code, last_error_message, last_error_at
from public.v_project_integrations
where project_id = %s and provider_key = %s
"""
FIELDS = (
    "provider_key", "status", "external_account_id", "connected_at", "connection_expires_at",
    "connection_expiry_warning", "last_error_code", "last_error_message", "last_error_at",
)  # fmt: skip


async def status(request: Request) -> Response:
    services = services_of(request)
    try:
        claims = verified_claims(request, services.settings)
    except NotAuthenticated as refused:
        return JSONResponse({"error": str(refused)}, status_code=401)
    try:
        project_id = UUID(request.query_params.get("project_id", ""))
    except ValueError:
        return JSONResponse({"error": "project_id (a uuid) is required"}, status_code=400)
    async with as_person(services.pool, claims) as conn:
        row = await (
            await conn.execute(STATUS_SQL, (project_id, request.path_params["provider"]))
        ).fetchone()
    if row is None:
        return JSONResponse({"error": "no such integration in your projects"}, status_code=404)
    return JSONResponse(
        {name: value.isoformat() if hasattr(value, "isoformat") else value
         for name, value in zip(FIELDS, row, strict=True)}
    )  # fmt: skip


ROUTES: list[BaseRoute] = [Route("/connections/{provider}/status", status, methods=["GET"])]
