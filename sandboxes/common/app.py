"""`build_app`: a provider's routes behind the sandbox middleware, plus the inspection routes.

Inspection routes (never faulted, limited or logged):
  GET  /_sandbox/health     {"name": ..., "ok": true}
  GET  /_sandbox/state      entities as JSON
  GET  /_sandbox/requests   the redacted request log (?last=N)
  GET  /_sandbox/counters   e.g. {"token_calls": 3, "faults_lost": 1}
  POST /_sandbox/reset      back to the state at start (entities, log, counters, config, faults)
  GET|POST /_sandbox/config runtime knobs (POST a JSON object of changes)
  GET|POST|DELETE /_sandbox/faults  the server-wide fault switch
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from sandboxes.common.faults import FaultSettings, FaultSwitch
from sandboxes.common.middleware import SandboxMiddleware
from sandboxes.common.ratelimit import RateLimits
from sandboxes.common.state import SandboxState


def _plain_throttled(retry_after: int) -> Response:
    return JSONResponse(
        {"error": "too_many_requests"}, status_code=429, headers={"Retry-After": str(retry_after)}
    )


def _plain_server_error(status: int) -> Response:
    return JSONResponse({"error": "server_error"}, status_code=status)


@dataclass(frozen=True)
class ErrorResponses:
    """The provider's own bodies for throttling (given Retry-After seconds) and 5xx faults."""

    throttled: Callable[[int], Response] = _plain_throttled
    server_error: Callable[[int], Response] = _plain_server_error


class SandboxApp(Starlette):
    """Starlette with the sandbox middleware outside everything, even Starlette's own error
    middleware, so that a dropped connection can reach uvicorn's transport."""

    def __init__(
        self,
        name: str,
        routes: Sequence[BaseRoute],
        state: SandboxState[Any],
        limits: RateLimits | None,
        errors: ErrorResponses,
    ) -> None:
        super().__init__(routes=list(routes))
        self.name = name
        self.sandbox_state = state
        self.faults = FaultSwitch()
        self.limits = limits
        self._outer = SandboxMiddleware(
            functools.partial(Starlette.__call__, self),
            state,
            self.faults,
            limits,
            errors.throttled,
            errors.server_error,
        )
        self.apply_config()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._outer(scope, receive, send)

    def apply_config(self) -> None:
        if self.limits is not None:
            self.limits.enabled = self.sandbox_state.config.limits_enabled
            self.limits.time_scale = self.sandbox_state.config.time_scale

    def reset(self) -> None:
        self.sandbox_state.reset()
        self.faults.clear()
        if self.limits is not None:
            self.limits.clear()
        self.apply_config()


def build_app(
    name: str,
    routes: list[BaseRoute],
    state: SandboxState[Any],
    *,
    limits: RateLimits | None = None,
    errors: ErrorResponses | None = None,
) -> Starlette:
    """The sandbox `name`: `routes` (the provider's API and its own /_sandbox/ helpers) plus
    the inspection routes, behind the request log, fault injection and `limits`."""
    all_routes = [*routes, *INSPECTION_ROUTES]
    return SandboxApp(name, all_routes, state, limits, errors or ErrorResponses())


def _app(request: Request) -> SandboxApp:
    app: SandboxApp = request.app
    return app


async def _health(request: Request) -> Response:
    return JSONResponse({"name": _app(request).name, "ok": True})


async def _state(request: Request) -> Response:
    return JSONResponse(_app(request).sandbox_state.snapshot())


async def _requests(request: Request) -> Response:
    records = list(_app(request).sandbox_state.requests)
    last = request.query_params.get("last", "")
    if last.isdigit():
        records = records[len(records) - int(last) :] if int(last) < len(records) else records
    return JSONResponse(records)


async def _counters(request: Request) -> Response:
    return JSONResponse(_app(request).sandbox_state.counters)


async def _reset(request: Request) -> Response:
    _app(request).reset()
    return JSONResponse({"reset": True})


async def _config(request: Request) -> Response:
    app = _app(request)
    if request.method == "POST":
        try:
            app.sandbox_state.configure(await _json_object(request))
        except (ValueError, ValidationError) as error:
            return _invalid(error)
        app.apply_config()
    return JSONResponse(app.sandbox_state.config.public())


async def _faults(request: Request) -> Response:
    switch = _app(request).faults
    if request.method == "POST":
        try:
            switch.configure(FaultSettings.model_validate(await _json_object(request)))
        except (ValueError, ValidationError) as error:
            return _invalid(error)
    elif request.method == "DELETE":
        switch.clear()
    settings = switch.settings
    return JSONResponse(None if settings is None else settings.model_dump(mode="json"))


INSPECTION_ROUTES: list[BaseRoute] = [
    Route("/_sandbox/health", _health),
    Route("/_sandbox/state", _state),
    Route("/_sandbox/requests", _requests),
    Route("/_sandbox/counters", _counters),
    Route("/_sandbox/reset", _reset, methods=["POST"]),
    Route("/_sandbox/config", _config, methods=["GET", "POST"]),
    Route("/_sandbox/faults", _faults, methods=["GET", "POST", "DELETE"]),
]


async def _json_object(request: Request) -> dict[str, Any]:
    body = json.loads(await request.body() or b"{}")
    if not isinstance(body, dict):
        raise ValueError("expected a JSON object")
    return body


def _invalid(error: Exception) -> Response:
    detail: Any = str(error)
    if isinstance(error, ValidationError):
        detail = json.loads(error.json(include_url=False))
    return JSONResponse({"error": "invalid", "detail": detail}, status_code=400)
