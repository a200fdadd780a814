"""Runs `plugboard up`'s services as child processes in the foreground; Ctrl-C or SIGTERM
stops them all cleanly (SIGTERM first, SIGKILL after a grace period)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType

GRACE_SECONDS = 15.0


@dataclass(frozen=True)
class Service:
    name: str
    argv: list[str]
    describe: str
    env: dict[str, str] = field(default_factory=dict)


class _Stop(Exception):
    pass


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def run_services(services: list[Service], say: Callable[[str], None]) -> int:
    """Start every service, wait until one exits or we are told to stop; return an exit code."""
    children: dict[str, subprocess.Popen[bytes]] = {}
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        for service in services:
            children[service.name] = subprocess.Popen(
                service.argv, env={**os.environ, **service.env}, start_new_session=True
            )
        while True:
            for name, child in children.items():
                if child.poll() is not None:
                    say(f"{name} exited with code {child.returncode}; stopping the rest")
                    return child.returncode or 1
            time.sleep(0.2)
    except (KeyboardInterrupt, _Stop):
        say("stopping …")
        return 0
    finally:
        _stop_all(children)
        signal.signal(signal.SIGTERM, previous)


def _stop_all(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
