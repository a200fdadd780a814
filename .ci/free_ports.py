"""Print the first of N consecutive TCP ports free on 127.0.0.1 (CI runs Plugboard beside
whatever else the machine runs, so it takes no default port for granted)."""

from __future__ import annotations

import socket
import sys


def consecutive_free(count: int) -> int:
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = int(probe.getsockname()[1])
        held: list[socket.socket] = []
        try:
            for port in range(first, first + count):
                held.append(socket.socket())
                held[-1].bind(("127.0.0.1", port))
        except OSError:
            continue
        finally:
            for sock in held:
                sock.close()
        return first
    raise SystemExit(f"no {count} consecutive free ports on 127.0.0.1")


if __name__ == "__main__":
    print(consecutive_free(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
