"""Which shared rate budget a provider's requests draw from (python_workers/rate_budget.py):
the one its spec names (ProviderSpec.budget). The engine asks once per run; a spec says
NO_BUDGET on purpose, and a provider without a spec (a test's processor added with
PLUGBOARD_EXTRA_PROCESSORS) is not metered here either.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from psycopg_pool import AsyncConnectionPool

from python_workers.providers.contract import ProjectIntegration, RateBudget
from python_workers.providers.registry import UnknownProviderError, spec_for
from python_workers.providers.spec import NoBudget

BudgetFactory = Callable[[AsyncConnectionPool[Any], ProjectIntegration], RateBudget]


def budget_factory(reference: str) -> BudgetFactory:
    """The factory a spec's "module:function" names; LookupError saying which is missing."""
    module_name, _, function = reference.partition(":")
    factory = getattr(importlib.import_module(module_name), function, None) if function else None
    if not callable(factory):
        raise LookupError(f"{reference!r} names no function (expected module:function)")
    built: BudgetFactory = factory
    return built


def budget_for(
    pool: AsyncConnectionPool[Any], integration: ProjectIntegration
) -> RateBudget | None:
    try:
        budget = spec_for(integration.provider_key).budget
    except UnknownProviderError:
        return None
    return None if isinstance(budget, NoBudget) else budget_factory(budget)(pool, integration)
