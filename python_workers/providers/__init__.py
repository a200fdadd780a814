"""Providers: one folder `python_workers/providers/<key>/` per catalogue provider, whose
`__init__.py` exports SPEC (spec.py: processor, settings, OAuth, rate budget, sandbox),
with `processor.py` (the action table, nothing else), `actions.py` (what each action does)
and `api.py` (its typed HTTP client). The catalogue (integration_providers.server_actions)
names the same actions; the conformance test (tests/py/test_registry_conformance.py)
checks the two agree.

SERVER_PROCESSORS (provider key -> its processor module) is read from the specs on use.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from python_workers.providers.registry import UnknownProviderError, provider_specs, spec_for

if TYPE_CHECKING:  # every spec import passes through here: it stays light
    from python_workers.providers.contract import Processor

__all__ = ["SERVER_PROCESSORS", "UnknownProviderError", "load_processor"]


class _SpecProcessors(Mapping[str, str]):
    """Provider key -> the module of its processor, as the specs say at each read."""

    def __getitem__(self, key: str) -> str:
        try:
            return spec_for(key).processor
        except UnknownProviderError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(provider_specs())

    def __len__(self) -> int:
        return len(provider_specs())


SERVER_PROCESSORS: Mapping[str, str] = _SpecProcessors()


def load_processor(provider_key: str, registry: Mapping[str, str] | None = None) -> Processor:
    modules = SERVER_PROCESSORS if registry is None else registry
    try:
        module_name = modules[provider_key]
    except KeyError:
        raise UnknownProviderError(
            f"no server processor registered for provider {provider_key!r}"
            f" (known: {', '.join(sorted(modules)) or 'none'})"
        ) from None
    processor: Processor = importlib.import_module(module_name).PROCESSOR
    return processor
