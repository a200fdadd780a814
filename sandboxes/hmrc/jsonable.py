"""Amounts are kept as Decimal (pence must stay exact); JSON gets plain numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from starlette.responses import JSONResponse


def number(value: object) -> int | float:
    """json.dumps' `default` hook: a Decimal as an int when whole, else a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def jsonable(value: Any) -> Any:
    """`value` with its Decimals as plain numbers (for /_sandbox/state)."""
    return json.loads(json.dumps(value, default=number))


class AmountsJSONResponse(JSONResponse):
    """JSONResponse that also writes Decimal amounts (only they reach the `default` hook)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, default=number, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode("utf-8")
