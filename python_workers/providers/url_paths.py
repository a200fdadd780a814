"""Values read from the database that go into a provider URL's path: each is checked
against the shape its provider gives it and percent-escaped, so no stored value, however
it got there (a client column grant, a superuser, a bug), can change which resource a
request reaches (`../`, `?`, `#`, `/`). A value of the wrong shape stops the run with a
non-retried error saying which value and where to fix it; nothing is sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from python_workers.providers.errors import ProviderError

PathKind = Literal[
    "vrn", "employer_paye_reference", "company_number", "qbo_realm_id", "qbo_entity_id"
]


@dataclass(frozen=True)
class _Shape:
    pattern: re.Pattern[str]
    name: str
    expected: str
    where: str


SHAPES: dict[PathKind, _Shape] = {
    "vrn": _Shape(
        re.compile(r"[0-9]{9}"), "VAT registration number", "9 digits",
        "save it again with hmrc_set_references",
    ),
    "employer_paye_reference": _Shape(
        re.compile(r"[0-9]{3}/[A-Z0-9]{1,10}"), "employer PAYE reference",
        "3 digits, a slash and up to 10 letters or digits (123/AB456)",
        "save it again with hmrc_set_references",
    ),
    "company_number": _Shape(
        re.compile(r"[A-Z0-9]{8}"), "Companies House company number",
        "8 capital letters or digits (01234567, SC012345)",
        "link the company again with companies_house_link_company",
    ),
    "qbo_realm_id": _Shape(
        re.compile(r"[0-9]{1,32}"), "QuickBooks company id (realm)", "digits only",
        "reconnect QuickBooks",
    ),
    "qbo_entity_id": _Shape(
        re.compile(r"[0-9]{1,32}"), "QuickBooks record id", "digits only",
        "check the record's mapping",
    ),
}  # fmt: skip

EXCERPT = 40


class UnsafePathValue(ProviderError):
    """A stored value that would go into a URL path is not of its kind: never retried."""

    retryable = False

    def __init__(self, kind: PathKind, value: object) -> None:
        shape = SHAPES[kind]
        shown = str(value)
        if len(shown) > EXCERPT:
            shown = shown[:EXCERPT] + "…"
        super().__init__(
            "invalid_stored_value",
            f"The stored {shape.name} {shown!r} is not {shape.expected}: {shape.where}",
            {"kind": kind},
        )


def path_segment(kind: PathKind, value: object) -> str:
    """`value` as one escaped URL path segment, if it has the shape of `kind`."""
    if not isinstance(value, str) or not SHAPES[kind].pattern.fullmatch(value):
        raise UnsafePathValue(kind, value)
    return quote(value, safe="")
