"""One retry after a 401: what every provider's API calls go through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from python_workers.credentials.errors import CredentialRejected
from python_workers.providers.contract import Credential, CredentialAccessor

T = TypeVar("T")


async def call_with_credential(
    accessor: CredentialAccessor, call: Callable[[Credential], Awaitable[T]]
) -> T:
    """`call` with the current credential; if the provider rejects it (the call raises
    CredentialRejected, a 401), once more with a refreshed one. A second 401 propagates."""
    credential = await accessor.get()
    try:
        return await call(credential)
    except CredentialRejected:
        return await call(await accessor.refreshed(credential))
