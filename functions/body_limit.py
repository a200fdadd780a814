"""A limit on request bodies, enforced before a handler holds any of it: a declared
Content-Length past the limit is answered 413 unread, and a streamed (chunked) body is
counted as it arrives, so reading past the limit raises BodyTooLarge (answered 413) instead
of filling memory. Unauthenticated callers (the webhooks) can send anything; this is what
keeps them from sending a lot."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is larger than {limit} bytes")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await too_large(Request(scope), BodyTooLarge(self.max_bytes))(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)


def too_large(request: Request, error: Exception) -> Response:
    """The 413 answer (also Starlette's handler for BodyTooLarge raised while reading)."""
    return JSONResponse({"error": str(error)}, status_code=413, headers={"Connection": "close"})
