"""The server registry: provider key -> the module of its processor (name -> action).

A provider is one folder `python_workers/providers/<key>/` with `processor.py` (the action
table, nothing else), `service.py` (what each action does) and `api.py` (its typed HTTP
client). The catalogue (integration_providers.server_actions) names the same actions; the
conformance test (tests/py/test_registry_conformance.py) checks the two agree.
"""

from __future__ import annotations

import importlib

from python_workers.providers.contract import Processor

SERVER_PROCESSORS: dict[str, str] = {
    "quickbooks": "python_workers.providers.quickbooks.processor",
    "companies_house": "python_workers.providers.companies_house.processor",
    "hmrc": "python_workers.providers.hmrc.processor",
}


class UnknownProviderError(LookupError):
    pass


def load_processor(provider_key: str, registry: dict[str, str] | None = None) -> Processor:
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
