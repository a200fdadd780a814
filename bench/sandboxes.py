"""`plugboard bench sandboxes`: requests per second each sandbox serves on one core.

Each sandbox runs alone in its subprocess with limits off, pinned to one CPU; a separate
client process (pinned to another CPU when there is one) keeps CONNECTIONS keep-alive
connections busy with one simple read for DURATION seconds over loopback. The client
speaks raw HTTP/1.1 so that it costs far less than the server it measures.

Adding a sandbox: put a function in SIMPLE_READS that, given the running sandbox's base
URL, prepares whatever the read needs (a token, an API key) and returns its path and
headers.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from bench.report import report
from sandboxes.common.server import RunningSandbox
from sandboxes.quickbooks.state import GB_REALM

DURATION = 5.0
CONNECTIONS = 16
TARGETS = {"quickbooks": 2000}


@dataclass(frozen=True)
class SimpleRead:
    path: str
    headers: dict[str, str]


def quickbooks_read(base_url: str) -> SimpleRead:
    tokens = httpx.post(f"{base_url}/_sandbox/tokens", json={"realm_id": GB_REALM}).json()
    return SimpleRead(
        f"/v3/company/{GB_REALM}/vendor/1?minorversion=75",
        {"Authorization": f"Bearer {tokens['access_token']}", "Accept": "application/json"},
    )


def companies_house_read(base_url: str) -> SimpleRead:
    api_key = base64.b64encode(b"bench-api-key:").decode()  # any key: none is configured
    return SimpleRead("/company/09876543", {"Authorization": f"Basic {api_key}"})


def hmrc_read(base_url: str) -> SimpleRead:
    """Open VAT obligations with a token from the OAuth journey (consent approved over HTTP).
    No fraud-prevention headers are sent; the sandbox still judges and records each call."""
    redirect_uri = "https://bench.example/callback"
    consent = httpx.post(
        f"{base_url}/oauth/authorize",
        data={"response_type": "code", "client_id": "sandbox-client-id", "scope": "read:vat",
              "redirect_uri": redirect_uri, "decision": "approve", "vrn": "123456789"},
    )  # fmt: skip
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    tokens = httpx.post(
        f"{base_url}/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
              "client_id": "sandbox-client-id", "client_secret": "sandbox-client-secret"},
    ).json()  # fmt: skip
    return SimpleRead(
        "/organisations/vat/123456789/obligations?status=O",
        {
            "Authorization": f"Bearer {tokens['access_token']}",
            "Accept": "application/vnd.hmrc.1.0+json",
        },
    )


# Sandbox name -> how to prepare its simple read.
SIMPLE_READS: dict[str, Callable[[str], SimpleRead]] = {
    "quickbooks": quickbooks_read,
    "companies_house": companies_house_read,
    "hmrc": hmrc_read,
}


def main() -> None:
    rows = [measure(name, prepare) for name, prepare in SIMPLE_READS.items()]
    cpus = sorted(os.sched_getaffinity(0))
    report(
        "sandboxes",
        rows,
        [
            f"{DURATION:.0f} s per sandbox, {CONNECTIONS} keep-alive connections, loopback, "
            f"limits off; server pinned to CPU {cpus[0]}, client to CPU {cpus[-1]}.",
            f"{os.cpu_count()} CPUs on this machine, shared with whatever else runs.",
        ],
    )


def measure(name: str, prepare: Callable[[str], SimpleRead]) -> dict[str, Any]:
    cpus = sorted(os.sched_getaffinity(0))
    with RunningSandbox(name, config={"limits_enabled": False}) as sandbox:
        read = prepare(sandbox.base_url)
        server_pid = sandbox.pid
        if server_pid is not None:
            os.sched_setaffinity(server_pid, {cpus[0]})
        spawn = multiprocessing.get_context("spawn")
        results: multiprocessing.Queue[tuple[int, int, list[float]]] = spawn.Queue()
        client = spawn.Process(target=_drive, args=(sandbox.base_url, read, cpus[-1], results))
        client.start()
        ok, failed, latencies = results.get(timeout=DURATION + 30)
        client.join()
    latencies.sort()
    target = TARGETS.get(name)
    rate = ok / DURATION
    return {
        "sandbox": name,
        "request": f"GET {read.path.split('?')[0]}",
        "requests": ok,
        "errors": failed,
        "requests_per_second": round(rate),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2) if latencies else None,
        "target_per_second": target,
        "meets_target": None if target is None else rate >= target,
    }


def _drive(
    base_url: str,
    read: SimpleRead,
    cpu: int,
    results: multiprocessing.Queue[tuple[int, int, list[float]]],
) -> None:
    """The client process: CONNECTIONS loops of request/response for DURATION seconds."""
    with contextlib.suppress(OSError):
        os.sched_setaffinity(0, {cpu})
    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()
    results.put(asyncio.run(_load(base_url, read)))


async def _load(base_url: str, read: SimpleRead) -> tuple[int, int, list[float]]:
    url = urlsplit(base_url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    lines = [f"GET {read.path} HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{key}: {value}" for key, value in read.headers.items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    deadline = time.perf_counter() + DURATION
    counts = [0, 0]
    latencies: list[float] = []

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        while (started := time.perf_counter()) < deadline:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            counts[0 if head.startswith(b"HTTP/1.1 200") else 1] += 1
        writer.close()

    await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))
    return counts[0], counts[1], latencies


if __name__ == "__main__":
    main()
