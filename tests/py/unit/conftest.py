"""The unit tier: no database, no sandbox, no process (tests/py/unit/memory_context.py).
`pytest tests/py/unit` runs it alone in seconds; `make test` runs it with everything."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
