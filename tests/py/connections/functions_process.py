"""`plugboard functions` as a real process on a free port, for tests that need its HTTP
server (uvicorn) or its memory rather than the app in process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from sandboxes.common.server import free_port


@dataclass(frozen=True)
class FunctionsProcess:
    pid: int
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def functions_process(environment: Mapping[str, str]) -> Iterator[FunctionsProcess]:
    """Starts `plugboard functions` with `environment` over this process's, waits for
    /health, and stops it on the way out."""
    port = free_port()
    env = {**os.environ, **environment, "PLUGBOARD_FUNCTIONS_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "functions"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        running = FunctionsProcess(server.pid, port)
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{running.base_url}/health", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                assert server.poll() is None, "functions exited"
                assert time.monotonic() < deadline, "functions did not start"
                time.sleep(0.1)
        yield running
    finally:
        server.terminate()
        server.wait(timeout=10)
