"""What the worker-endpoint tests share: a free port for PLUGBOARD_METRICS_PORT, and
reading a worker's /healthz and /metrics over real HTTP."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def endpoint(port: int, path: str, timeout: float = 30.0) -> httpx.Response:
    """GET path on the worker's endpoints once they answer (the worker takes a moment)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def scrape(port: int) -> Samples:
    response = endpoint(port, "/metrics")
    assert response.status_code == 200, response.text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sample `name` with exactly `labels`; 0 when absent (a counter not moved yet)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def labels_of(samples: Samples, name: str) -> list[dict[str, Any]]:
    return [dict(labels) for (sample, labels) in samples if sample == name]
