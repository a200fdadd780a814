"""What a sandbox holds in memory: entities, the request log, counters and its config.

All mutation happens on the server's single asyncio loop without awaiting in between,
so no locks are needed.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any, Generic, TypeVar

from sandboxes.common.config import SandboxConfig

ConfigT = TypeVar("ConfigT", bound=SandboxConfig)

REQUEST_LOG_SIZE = 10_000


class SandboxState(Generic[ConfigT]):
    """Base state. Providers subclass it, keep their entities and override `seed`/`snapshot`."""

    def __init__(self, config: ConfigT) -> None:
        self._startup_config = config
        self.config: ConfigT = config
        self.entities: dict[str, Any] = {}
        self.requests: deque[dict[str, Any]] = deque(maxlen=REQUEST_LOG_SIZE)
        self.counters: dict[str, int] = {}
        self._request_seq = 0
        self.seed()

    def seed(self) -> None:
        """Fill the state with reference data; called at start and on every reset."""

    def snapshot(self) -> Any:
        """The entities as JSON-able data for GET /_sandbox/state."""
        return self.entities

    def reset(self) -> None:
        """Back to the state at start: entities, log, counters and config."""
        self.config = self._startup_config
        self.entities.clear()
        self.requests.clear()
        self.counters.clear()
        self._request_seq = 0
        self.seed()

    def configure(self, changes: dict[str, Any]) -> None:
        self.config = self.config.updated(changes)

    def count(self, name: str, by: int = 1) -> None:
        self.counters[name] = self.counters.get(name, 0) + by

    def log_request(self, record: dict[str, Any]) -> None:
        """Append an already-redacted record, numbering it."""
        self._request_seq += 1
        record["seq"] = self._request_seq
        record["at"] = time.time()
        self.requests.append(record)
