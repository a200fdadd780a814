"""`plugboard bench functions_startup`: how long `plugboard functions` takes from the
command to its first answered request (GET /health), and the CPU it spends getting there.

Each run starts the command afresh in its own process (as `plugboard up` does), on a freshly
migrated database, and asks /health every 10 ms until it answers. Wall time depends on what
else the machine runs; the process's own CPU seconds (user + system, read from /proc when it
first answers) do not, and are what the command itself costs — mostly imports.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.report import report
from bench.scratch_db import scratch_database
from sandboxes.common.server import free_port

RUNS = 5
TARGET_SECONDS = 2.0  # issue #20: ready in under 2 s


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process (fields 14 and 15 of /proc/<pid>/stat)."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")


def _first_answer(database_url: str) -> tuple[float, float]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "functions", "--port", str(port)], env=env
    )
    try:
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=30).raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None:
                    raise RuntimeError("plugboard functions exited before answering") from None
                time.sleep(0.01)
        return time.perf_counter() - started, _cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    with scratch_database("functions_startup") as url:
        runs = [_first_answer(url) for _ in range(RUNS)]
    rows: list[dict[str, object]] = [
        {"run": n, "first answer s": wall, "process CPU s": cpu}
        for n, (wall, cpu) in enumerate(runs, 1)
    ]
    rows.append(
        {
            "run": "median",
            "first answer s": statistics.median(wall for wall, _ in runs),
            "process CPU s": statistics.median(cpu for _, cpu in runs),
        }
    )
    load = os.getloadavg()[0]
    report(
        "functions_startup",
        rows,
        [
            f"target: first answer in under {TARGET_SECONDS} s on an idle machine",
            f"load average when run: {load:.1f} on {os.cpu_count()} CPUs "
            "(wall time grows with it; the process's CPU seconds do not)",
        ],
    )
