"""Amounts are kept as Decimal (pence must stay exact); JSON gets plain numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def jsonable(value: Any) -> Any:
    """`value` with every Decimal made an int (whole) or a float, recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value
