"""The insolvency resource of a company in liquidation, administration or dissolved after
liquidation (GET /company/{number}/insolvency): one case, its dates and practitioner."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sandboxes.companies_house.ids import etag
from sandboxes.companies_house.seed_rows import CompanyRow

PRACTITIONER_ADDRESS = {
    "address_line_1": "1 More London Place",
    "locality": "London",
    "postal_code": "SE1 2AF",
    "country": "United Kingdom",
}


def insolvency_json(row: CompanyRow) -> dict[str, Any] | None:
    """None for a company with no insolvency history."""
    if row.insolvent_on is None:
        return None
    began = date.fromisoformat(row.insolvent_on)
    administration = row.status == "administration"
    dates = [
        {
            "type": "administration-started-on" if administration else "wound-up-on",
            "date": began.isoformat(),
        }
    ]
    if row.ceased:
        dates.append({"type": "concluded-winding-up-on", "date": row.ceased})
    case = {
        "type": "in-administration" if administration else "creditors-voluntary-liquidation",
        "number": "1",
        "dates": dates,
        "practitioners": [
            {
                "name": "Jane Carter",
                "role": "practitioner" if administration else "final-liquidator",
                "appointed_on": (began + timedelta(days=1)).isoformat(),
                # Live answers carry one address object; the published model says an array.
                "address": PRACTITIONER_ADDRESS,
            }
        ],
    }
    body: dict[str, Any] = {"etag": etag(row.number, "insolvency"), "cases": [case]}
    if row.status in ("liquidation", "administration"):
        body["status"] = "in-administration" if administration else "liquidation"
    return body
