"""The rate budget Companies House requests draw from (python_workers/rate_budget.py)."""

from __future__ import annotations

from typing import Any

from psycopg_pool import AsyncConnectionPool

from python_workers.providers.contract import ProjectIntegration, RateBudget
from python_workers.rate_budget import PostgresRateBudget


def api_key_budget(pool: AsyncConnectionPool[Any], integration: ProjectIntegration) -> RateBudget:
    """The one API key's 600 requests per 5 minutes, shared by every project and worker
    (budget key `companies_house`, defined by its migration), of which one project may
    hold a quarter (its requests name the run's project)."""
    return PostgresRateBudget(pool, "companies_house", project_id=integration.project_id)
