"""An oversized POST over a raw socket, as an attacker would send it: headers, then body
bytes until the server answers (or the body is all sent). Raw, so the test sees when the
server answered and how much it had been sent by then."""

from __future__ import annotations

import select
import socket
from dataclasses import dataclass

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: the server closed without answering
    sent: int  # body bytes sent before the answer came


def post_oversized(port: int, path: str, size: int, *, declare_length: bool) -> Answer:
    """POSTs `size` bytes to `path`: with Content-Length, or chunked when not declared."""
    framing = f"Content-Length: {size}" if declare_length else "Transfer-Encoding: chunked"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"intuit-signature: bm90LWEtc2lnbmF0dXJl\r\n{framing}\r\n\r\n"
    )
    chunk = b"x" * CHUNK
    frame = (b"%x\r\n" % CHUNK + chunk + b"\r\n") if not declare_length else chunk
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(head.encode())
        try:
            while sent < size:
                if select.select([sock], [], [], 0)[0]:
                    break  # the server answered: stop sending
                sock.sendall(frame)
                sent += CHUNK
            else:
                if not declare_length:
                    sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        return Answer(_status(sock), sent)


def _status(sock: socket.socket) -> int | None:
    try:
        first = sock.recv(4096)
    except ConnectionResetError:
        return None
    if not first.startswith(b"HTTP/1.1 "):
        return None
    return int(first.split(b" ", 2)[1])
