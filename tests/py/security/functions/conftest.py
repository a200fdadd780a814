"""The connection tests' fixtures (sandboxes, a migrated database, a signed-in owner, the
functions/ app in process, the secret-leak watch), reused as they are."""

from tests.py.connections.conftest import (  # noqa: F401 (pytest finds fixtures by name)
    _watched,
    anyio_backend,
    functions_client,
    leaks,
    pool,
    sandbox_servers,
    sandboxes,
    settings,
    template,
    world,
)
