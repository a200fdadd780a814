"""Which sandboxes exist and how each is built.

Every entry names a factory `create_app(config: Mapping[str, Any] | None = None) -> Starlette`
that builds the sandbox with its config (environment defaults, then `config` overrides).
Companies House and HMRC: provide `sandboxes/<name>/app.py:create_app`; nothing else here
needs to change. Ports and order of `python -m sandboxes all` follow this dict.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, Protocol

from starlette.applications import Starlette


class AppFactory(Protocol):
    def __call__(self, config: Mapping[str, Any] | None = None) -> Starlette: ...


SANDBOXES: dict[str, str] = {
    "quickbooks": "sandboxes.quickbooks.app:create_app",
    "companies_house": "sandboxes.companies_house.app:create_app",
    "hmrc": "sandboxes.hmrc.app:create_app",
}


def factory(name: str) -> AppFactory:
    """The factory of sandbox `name`, imported on first use."""
    if name not in SANDBOXES:
        raise KeyError(f"unknown sandbox {name!r}; known: {', '.join(SANDBOXES)}")
    module_name, _, function = SANDBOXES[name].partition(":")
    built: AppFactory = getattr(importlib.import_module(module_name), function)
    return built


def create_app(name: str, config: Mapping[str, Any] | None = None) -> Starlette:
    return factory(name)(config)
