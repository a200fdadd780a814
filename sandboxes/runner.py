"""`serve_all`: several sandboxes at once, one subprocess (one core) each."""

from __future__ import annotations

import signal
import subprocess
import threading
from types import FrameType

from sandboxes.common.server import REPO_ROOT, sandbox_command
from sandboxes.registry import SANDBOXES


def serve_all(host: str, ports: dict[str, int]) -> None:
    """Serve each sandbox in `ports` on its port until Ctrl-C / SIGTERM or one of them exits."""
    unknown = sorted(set(ports) - set(SANDBOXES))
    if unknown:
        raise ValueError(f"unknown sandbox {', '.join(unknown)}; known: {', '.join(SANDBOXES)}")
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = signal.signal(signal.SIGTERM, stop)
    children = {
        name: subprocess.Popen(sandbox_command(name, host, port), cwd=REPO_ROOT)
        for name, port in ports.items()
    }
    try:
        while not stopping.is_set() and all(c.poll() is None for c in children.values()):
            stopping.wait(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    failed = [name for name, c in children.items() if c.returncode not in (0, -signal.SIGTERM)]
    if failed and not stopping.is_set():
        raise SystemExit(f"sandbox {', '.join(failed)} stopped unexpectedly")
