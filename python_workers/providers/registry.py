"""Where the provider specs are found: a provider with catalogue key `<key>` is the
package `python_workers.providers.<key>` and its `SPEC`. Tests (and extensions) add spec
modules outside the package with PLUGBOARD_EXTRA_PROVIDERS=`module[,module…]`, each
exporting SPEC: the test suite adds its fixture provider this way (tests/conftest.py), and
the worker and sandbox processes it starts inherit the variable.

The provider folders are listed once per process (they do not change while it runs; a
worker looks providers up on every run); beyond that nothing is cached but Python's own
module cache, so a changed PLUGBOARD_EXTRA_PROVIDERS is seen by the next call.
"""

from __future__ import annotations

import functools
import importlib
import os
import pkgutil
import re
from typing import Any

from python_workers.providers.spec import ProviderSpec

EXTRA_PROVIDERS_ENV = "PLUGBOARD_EXTRA_PROVIDERS"
PACKAGE = "python_workers.providers"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
GUIDE = "docs/contributing.md, Add a provider"


class UnknownProviderError(LookupError):
    pass


def spec_of_module(module_name: str) -> ProviderSpec[Any]:
    spec = getattr(importlib.import_module(module_name), "SPEC", None)
    if not isinstance(spec, ProviderSpec):
        raise UnknownProviderError(
            f"{module_name} exports no SPEC: add `SPEC = ProviderSpec(...)` "
            f"(python_workers/providers/spec.py) to it ({GUIDE})"
        )
    return spec


def extra_modules() -> list[str]:
    return [m.strip() for m in os.environ.get(EXTRA_PROVIDERS_ENV, "").split(",") if m.strip()]


@functools.cache
def _folders() -> tuple[str, ...]:
    package = importlib.import_module(PACKAGE)
    return tuple(sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.ispkg))


def package_keys() -> list[str]:
    """The provider folders: every sub-package of python_workers/providers."""
    return list(_folders())


def provider_specs() -> dict[str, ProviderSpec[Any]]:
    """Every provider spec: the package's folders, then PLUGBOARD_EXTRA_PROVIDERS."""
    specs: dict[str, ProviderSpec[Any]] = {}
    for key in package_keys():
        specs[key] = spec_for(key)
    for module_name in extra_modules():
        spec = spec_of_module(module_name)
        specs[spec.key] = spec
    return specs


def spec_for(key: str) -> ProviderSpec[Any]:
    """The spec of catalogue provider `key`; UnknownProviderError saying what to add."""
    for module_name in extra_modules():
        spec = spec_of_module(module_name)
        if spec.key == key:
            return spec
    module_name = f"{PACKAGE}.{key}"
    missing = UnknownProviderError(
        f"no provider spec for {key!r}: add the folder python_workers/providers/{key}/ whose "
        f"__init__.py exports SPEC ({GUIDE})"
    )
    if not _KEY.match(key) or key not in _folders():
        raise missing
    spec = spec_of_module(module_name)
    if spec.key != key:
        raise UnknownProviderError(
            f"{module_name}.SPEC has key {spec.key!r}: a provider's folder is named by its "
            f"catalogue key, so it must be {key!r}"
        )
    return spec


def spec_or_problem(key: str) -> ProviderSpec[Any] | str:
    """The spec of provider `key`, or the problem that stops it loading (for the
    conformance check, which reports every provider's problems rather than the first)."""
    try:
        return spec_for(key)
    except UnknownProviderError as error:
        return f"{key}: {error}"
    except TypeError as error:  # ProviderSpec(...) without one of its (required) fields
        return (
            f"{key}: its SPEC is incomplete ({error}): give every ProviderSpec field "
            "(python_workers/providers/spec.py); a provider without a shared rate budget "
            "says budget=NO_BUDGET"
        )
    except Exception as error:  # any error in the spec module is the report
        return f"{key}: its spec module cannot be imported ({type(error).__name__}: {error})"
