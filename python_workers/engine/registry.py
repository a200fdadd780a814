"""The server registry a worker resolves actions through: SERVER_PROCESSORS, plus extra
entries named on the command line or in PLUGBOARD_EXTRA_PROCESSORS as
`key=module[,key=module…]`. The extra entries are a test and extension hook — the test
suite registers its test-only provider this way; nothing shipped relies on them."""

from __future__ import annotations

from typing import Any

from python_workers.engine.errors import PermanentSyncError
from python_workers.engine.validation import validating
from python_workers.providers import SERVER_PROCESSORS, UnknownProviderError, load_processor
from python_workers.providers.contract import ServerAction

EXTRA_PROCESSORS_ENV = "PLUGBOARD_EXTRA_PROCESSORS"


def parse_entries(entries: list[str]) -> dict[str, str]:
    """`key=module` entries (each may hold several, comma-separated) as a dict."""
    registry: dict[str, str] = {}
    for entry in entries:
        for part in filter(None, (p.strip() for p in entry.split(","))):
            key, sep, module = part.partition("=")
            if not sep or not key.strip() or not module.strip():
                raise ValueError(f"extra processor {part!r}: expected key=module")
            registry[key.strip()] = module.strip()
    return registry


def server_registry(extra: dict[str, str]) -> dict[str, str]:
    return {**SERVER_PROCESSORS, **extra}


def resolve_action(
    registry: dict[str, str], provider_key: str, action: str
) -> ServerAction[Any, Any]:
    """The action a run calls: the provider's, after the engine's validation of the
    records the run names (engine/validation.py)."""
    try:
        processor = load_processor(provider_key, registry)
    except UnknownProviderError as exc:
        raise PermanentSyncError("unknown_provider", str(exc)) from exc
    except ImportError as exc:
        raise PermanentSyncError(
            "provider_unavailable",
            f"the server processor of {provider_key!r} cannot be loaded: {exc}",
        ) from exc
    try:
        return validating(action, processor[action])
    except KeyError:
        raise PermanentSyncError(
            "unknown_action",
            f"{provider_key!r} registers no server action {action!r}"
            f" (it has: {', '.join(sorted(processor)) or 'none'})",
        ) from None
