"""Fault injection: a switch per server (POST /_sandbox/faults) and a header per request.

Kinds: `429` (throttled, with Retry-After), `500`, `503`, `reset` (connection dropped,
no response), `lost` (the request is processed and committed, then the connection is
dropped: the client cannot tell whether it happened) and `latency` (added delay).
"""

from __future__ import annotations

import asyncio
import random
import socket
import struct
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.types import Scope, Send

FaultKind = Literal["429", "500", "503", "reset", "lost", "latency"]
FAULT_KINDS: tuple[FaultKind, ...] = ("429", "500", "503", "reset", "lost", "latency")

FAULT_HEADER = b"x-sandbox-fault"
RETRY_AFTER_HEADER = b"x-sandbox-retry-after"
LATENCY_HEADER = b"x-sandbox-latency-ms"


class FaultSettings(BaseModel):
    """Body of POST /_sandbox/faults."""

    model_config = ConfigDict(extra="forbid")

    rate: float = Field(default=0.0, ge=0, le=1, description="Share of requests faulted.")
    kinds: list[FaultKind] = Field(default_factory=lambda: list(FAULT_KINDS), min_length=1)
    retry_after: int = Field(default=1, ge=0)
    latency_ms: int = Field(default=50, ge=0)
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class Fault:
    kind: FaultKind
    retry_after: int
    latency_ms: int


class FaultSwitch:
    """Decides, per request, whether and how to misbehave."""

    def __init__(self) -> None:
        self.settings: FaultSettings | None = None
        self._random = random.Random()

    def configure(self, settings: FaultSettings) -> None:
        self.settings = settings
        self._random = random.Random(settings.seed)

    def clear(self) -> None:
        self.settings = None

    def choose(self, scope: Scope) -> Fault | None:
        settings = self.settings or FaultSettings()
        requested = _header(scope, FAULT_HEADER)
        if requested is not None:
            if requested not in FAULT_KINDS:
                raise UnknownFault(requested)
            return Fault(
                kind=requested,
                retry_after=_int_header(scope, RETRY_AFTER_HEADER, settings.retry_after),
                latency_ms=_int_header(scope, LATENCY_HEADER, settings.latency_ms),
            )
        if self.settings is None or self._random.random() >= settings.rate:
            return None
        kind = self._random.choice(settings.kinds)
        return Fault(kind, settings.retry_after, settings.latency_ms)


class UnknownFault(ValueError):
    """An X-Sandbox-Fault header naming no known kind (a typo would silently test nothing)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"unknown X-Sandbox-Fault {kind!r}; known: {', '.join(FAULT_KINDS)}")


class ConnectionDropped(Exception):
    """Raised when the server's transport is out of reach (in-process ASGI clients)."""


async def drop_connection(send: Send) -> None:
    """Close the client's TCP connection with a reset, sending nothing.

    ASGI has no message for this, so it reaches uvicorn's transport through `send`
    (a bound method of uvicorn's request cycle), which is why the sandbox middleware
    sits outside every other layer.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise ConnectionDropped("sandbox dropped the connection")
    sock = transport.get_extra_info("socket")
    if sock is not None:
        # Linger 0: close() sends RST, so the client sees "connection reset by peer".
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    # Let uvicorn see the disconnect before the app returns, so it sends no 500 of its own.
    for _ in range(3):
        await asyncio.sleep(0)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            text: str = value.decode("latin-1").strip()
            return text
    return None


def _int_header(scope: Scope, name: bytes, default: int) -> int:
    value = _header(scope, name)
    return int(value) if value is not None and value.isdigit() else default
