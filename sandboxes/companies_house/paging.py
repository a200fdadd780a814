"""`items_per_page` / `start_index` paging, as every Companies House list resource has it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from sandboxes.companies_house.access import state_of
from sandboxes.companies_house.errors import invalid_parameter

T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    start_index: int
    items_per_page: int

    def of(self, items: Sequence[T]) -> list[T]:
        return list(items[self.start_index : self.start_index + self.items_per_page])

    def envelope(self) -> dict[str, Any]:
        return {"start_index": self.start_index, "items_per_page": self.items_per_page}


def read_page(request: Request, *, default: int, maximum: int) -> Page | Response:
    """The requested page, or a 400 for a parameter that is not a non-negative integer.
    Larger pages than `maximum` (or the sandbox's page_size_cap) are served at that size,
    as the live API does."""
    values: dict[str, int] = {}
    for name, fallback in (("start_index", 0), ("items_per_page", default)):
        raw = request.query_params.get(name, "")
        if raw == "":
            values[name] = fallback
        elif raw.isdigit():
            values[name] = int(raw)
        else:
            return invalid_parameter(name)
    per_page = values["items_per_page"] or default
    cap = min(maximum, state_of(request).config.page_size_cap)
    return Page(values["start_index"], min(per_page, cap))
