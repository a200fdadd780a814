"""Company search (`/search/companies?q=`): name words or the company number, best first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sandboxes.companies_house.records import address_json, search_description
from sandboxes.companies_house.seed_rows import CompanyRow


def search_companies(
    rows: Iterable[CompanyRow], query: str, *, active_only: bool
) -> list[dict[str, Any]]:
    """Companies whose number is `query` or whose name holds every word of it; exact
    names first, then names starting with the query, then the rest alphabetically."""
    wanted = query.upper().split()
    phrase = " ".join(wanted)
    ranked: list[tuple[int, str, CompanyRow]] = []
    for row in rows:
        if active_only and row.status != "active":
            continue
        if row.number == phrase:
            rank = 0
        elif all(word in row.name for word in wanted):
            rank = 1 if row.name == phrase else 2 if row.name.startswith(phrase) else 3
        else:
            continue
        ranked.append((rank, row.name, row))
    ranked.sort(key=lambda entry: entry[:2])
    return [_item(row, phrase) for _, _, row in ranked]


def _item(row: CompanyRow, phrase: str) -> dict[str, Any]:
    description, identifiers = search_description(row)
    address = address_json(row.address)
    item: dict[str, Any] = {
        "kind": "searchresults#company",
        "title": row.name,
        "company_number": row.number,
        "company_type": row.type,
        "company_status": row.status,
        "date_of_creation": row.created,
        "address": address,
        "address_snippet": ", ".join(v for k, v in address.items() if k != "country"),
        "description": description,
        "description_identifier": identifiers,
        "snippet": "",
        "links": {"self": f"/company/{row.number}"},
    }
    start = row.name.find(phrase)
    if start >= 0:  # 1-based inclusive character positions of the matched text
        item["matches"] = {"title": [start + 1, start + len(phrase)]}
    if row.ceased:
        item["date_of_cessation"] = row.ceased
    return item
