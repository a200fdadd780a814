"""Serving a sandbox: in this process (`serve`) or as a subprocess for tests (`RunningSandbox`)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

import uvicorn
from starlette.applications import Starlette

REPO_ROOT = Path(__file__).resolve().parents[2]


def serve(app: Starlette, host: str, port: int) -> None:
    """Serve `app` until SIGINT/SIGTERM (uvicorn picks httptools and uvloop when present)."""
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, lifespan="off")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def sandbox_command(
    name: str, host: str, port: int, config: Mapping[str, Any] | None = None
) -> list[str]:
    """The command line serving sandbox `name` on its own."""
    command = [sys.executable, "-m", "sandboxes", name, "--host", host, "--port", str(port)]
    if config:
        command += ["--config", json.dumps(dict(config))]
    return command


class RunningSandbox:
    """A sandbox in a subprocess on a free port; a context manager, or start()/stop()."""

    def __init__(
        self,
        name: str,
        *,
        config: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int | None = None,
        startup_timeout: float = 20.0,
    ) -> None:
        self.name = name
        self.config = dict(config or {})
        self.env = dict(env or {})
        self.host = host
        self.port = port or free_port(host)
        self.startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def start(self) -> Self:
        if self._process is not None:
            return self
        self._output = tempfile.TemporaryFile()  # noqa: SIM115  # lives as long as the process
        self._process = subprocess.Popen(
            sandbox_command(self.name, self.host, self.port, self.config),
            cwd=REPO_ROOT,
            env={**os.environ, **self.env},
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_answering()
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._output is not None:
            self._output.close()
            self._output = None

    def output(self) -> str:
        """What the subprocess printed so far (for failure messages)."""
        if self._output is None:
            return ""
        self._output.seek(0)
        return self._output.read().decode("utf-8", "replace")

    def _wait_until_answering(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                output = self.output()
                self.stop()
                raise RuntimeError(f"sandbox {self.name} exited at start:\n{output}")
            if self._answers():
                return
            time.sleep(0.05)
        output = self.output()
        self.stop()
        raise TimeoutError(f"sandbox {self.name} did not answer on {self.base_url}:\n{output}")

    def _answers(self) -> bool:
        # urllib, not httpx: this module is also imported by every sandbox process, and
        # httpx costs half a second of start-up.
        try:
            health = f"{self.base_url}/_sandbox/health"  # always http: our own host and port
            with urllib.request.urlopen(health, timeout=1) as answer:  # noqa: S310
                return bool(answer.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
