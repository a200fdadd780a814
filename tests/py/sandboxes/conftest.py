"""Fixtures for the sandbox tests: one sandbox subprocess per test session, reset per test.

QuickBooks: `quickbooks_sandbox` (session) and `qbo` (a QuickBooksClient on the GB company).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import reset_sandbox, start_sandbox
from tests.py.sandboxes.quickbooks_client import QuickBooksClient


@pytest.fixture(scope="session")
def quickbooks_sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("quickbooks") as sandbox:
        yield sandbox


@pytest.fixture
def qbo(quickbooks_sandbox: RunningSandbox) -> QuickBooksClient:
    reset_sandbox(quickbooks_sandbox)
    return QuickBooksClient(quickbooks_sandbox)
