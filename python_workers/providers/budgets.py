"""Which shared rate budget a provider's requests draw from (python_workers/rate_budget.py).

The engine asks `budget_for` once per run; a provider without an entry is not metered
here. Companies House: the one API key's 600 requests per 5 minutes, shared by every
project and worker (budget key `companies_house`, defined by its migration), of which one
project may hold a quarter (its requests name the run's project).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psycopg_pool import AsyncConnectionPool

from python_workers.providers.contract import ProjectIntegration, RateBudget
from python_workers.providers.quickbooks.budget import realm_budget
from python_workers.rate_budget import PostgresRateBudget

BudgetFactory = Callable[[AsyncConnectionPool[Any], ProjectIntegration], RateBudget]

BUDGETS: dict[str, BudgetFactory] = {
    "companies_house": lambda pool, integration: PostgresRateBudget(
        pool, "companies_house", project_id=integration.project_id
    ),
    # QuickBooks: per realm, 500 requests a minute, 10 at once, 40 batch requests a minute
    "quickbooks": realm_budget,
}


def budget_for(
    pool: AsyncConnectionPool[Any], integration: ProjectIntegration
) -> RateBudget | None:
    factory = BUDGETS.get(integration.provider_key)
    return None if factory is None else factory(pool, integration)
