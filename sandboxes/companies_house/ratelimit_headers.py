"""The X-Ratelimit-* headers Companies House sends with every answer to a known key
(Limit, Remain, Reset as a Unix time, Window "5m"); not in the API reference, but what the
live service returns and what clients budget with."""

from __future__ import annotations

import math
import time

from starlette.requests import Request

from sandboxes.common.ratelimit import RateLimits
from sandboxes.companies_house.config import WINDOW_SECONDS

WINDOW_NAME = "requests"


def rate_limit_headers(request: Request, api_key: str) -> dict[str, str]:
    limits: RateLimits = request.app.limits
    limit = next(w.limit for w in limits.windows if w.name == WINDOW_NAME)
    used, frees_in = limits.usage(api_key, WINDOW_NAME)
    return {
        "X-Ratelimit-Limit": str(limit),
        "X-Ratelimit-Remain": str(max(0, limit - used)),
        "X-Ratelimit-Reset": str(math.ceil(time.time() + frees_in)),
        "X-Ratelimit-Window": f"{round(WINDOW_SECONDS / 60)}m",
    }
