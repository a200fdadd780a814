"""Which sandboxes exist and how each is built: each provider's spec names its sandbox
(ProviderSpec.sandbox, python_workers/providers/<key>/__init__.py), so a new provider's
sandbox needs no entry here.

Every entry names a factory `create_app(config: Mapping[str, Any] | None = None) -> Starlette`
that builds the sandbox with its config (environment defaults, then `config` overrides).
Ports and order of `python -m sandboxes all` follow the specs' port offsets.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Protocol

from starlette.applications import Starlette

from python_workers.providers.registry import provider_specs


class AppFactory(Protocol):
    def __call__(self, config: Mapping[str, Any] | None = None) -> Starlette: ...


_SPECS = sorted(provider_specs().values(), key=lambda spec: spec.sandbox.port_offset)
# sandbox name (its provider's key) -> its factory, "module:function", in port order
SANDBOXES: dict[str, str] = {spec.key: spec.sandbox.app for spec in _SPECS}
# sandbox name -> its port's offset from the first sandbox port
PORT_OFFSETS: dict[str, int] = {spec.key: spec.sandbox.port_offset for spec in _SPECS}


def factory(name: str) -> AppFactory:
    """The factory of sandbox `name`, imported on first use."""
    if name not in SANDBOXES:
        raise KeyError(f"unknown sandbox {name!r}; known: {', '.join(SANDBOXES)}")
    module_name, _, function = SANDBOXES[name].partition(":")
    built: AppFactory = getattr(importlib.import_module(module_name), function)
    return built


def create_app(name: str, config: Mapping[str, Any] | None = None) -> Starlette:
    return factory(name)(config)
