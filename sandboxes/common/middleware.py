"""The one ASGI layer in front of every sandbox: request log, injected faults, rate limits.

One layer rather than three keeps the hot path short; `/_sandbox/` inspection routes
bypass all of it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandboxes.common.faults import Fault, FaultSwitch, UnknownFault, drop_connection
from sandboxes.common.ratelimit import RateLimits
from sandboxes.common.redact import redact_body, redact_headers, redact_query
from sandboxes.common.state import SandboxState

INSPECTION_PREFIX = "/_sandbox/"
_BODYLESS = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})


class SandboxMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        state: SandboxState[Any],
        faults: FaultSwitch,
        limits: RateLimits | None,
        throttled: Callable[[int], Response],
        server_error: Callable[[int], Response],
    ) -> None:
        self.app = app
        self.state = state
        self.faults = faults
        self.limits = limits
        self.throttled = throttled
        self.server_error = server_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(INSPECTION_PREFIX):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        record: dict[str, Any] = {"status": None, "fault": None}
        body = bytearray()

        async def logged_receive() -> Message:
            message = await receive()
            body.extend(message.get("body", b""))
            return message

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
            await send(message)

        watched_receive = receive if scope["method"] in _BODYLESS else logged_receive
        try:
            try:
                fault = self.faults.choose(scope)
            except UnknownFault as unknown:
                await JSONResponse({"error": str(unknown)}, 400)(scope, receive, logged_send)
                return
            if fault is None:
                await self._limited(scope, watched_receive, logged_send)
            else:
                record["fault"] = fault.kind
                self.state.count(f"faults_{fault.kind}")
                await self._faulted(fault, scope, watched_receive, logged_send, send, record)
        finally:
            self._log(scope, record, bytes(body), started)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, delay_ms: int = 0) -> None:
        """The app behind the rate limits; an injected delay holds the request's slot, as a
        slow server would."""
        limits = self.limits
        key = limits.key_of(scope) if limits is not None and limits.enabled else None
        throttled = limits.acquire(key, scope) if limits is not None and key is not None else None
        if throttled is not None:
            self.state.count(f"throttled_{throttled.limit}")
            await self.throttled(throttled.retry_after)(scope, receive, send)
            return
        try:
            if delay_ms:
                await asyncio.sleep(delay_ms / 1000)
            await self.app(scope, receive, send)
        finally:
            if limits is not None and key is not None:
                limits.release(key)

    async def _faulted(
        self,
        fault: Fault,
        scope: Scope,
        receive: Receive,
        send: Send,
        raw_send: Send,
        record: dict[str, Any],
    ) -> None:
        if fault.kind == "latency":
            await self._limited(scope, receive, send, fault.latency_ms)
        elif fault.kind == "429":
            await self.throttled(fault.retry_after)(scope, receive, send)
        elif fault.kind in ("500", "503"):
            await self.server_error(int(fault.kind))(scope, receive, send)
        elif fault.kind == "reset":
            await drop_connection(raw_send)
        else:  # lost: do the work, then drop the answer

            async def discard(message: Message) -> None:
                if message["type"] == "http.response.start":
                    record["status"] = message["status"]

            await self._limited(scope, receive, discard)
            await drop_connection(raw_send)

    def _log(self, scope: Scope, record: dict[str, Any], body: bytes, started: float) -> None:
        headers = redact_headers(scope["headers"])
        record["method"] = scope["method"]
        record["path"] = scope["path"]
        record["query"] = redact_query(scope["query_string"].decode("latin-1"))
        record["headers"] = headers
        record["body"] = redact_body(body, headers.get("content-type", ""))
        record["duration_ms"] = round((time.perf_counter() - started) * 1000, 3)
        self.state.log_request(record)
