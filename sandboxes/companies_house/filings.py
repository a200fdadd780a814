"""Filing history derived from a company's seed row and statutory calendar.

Descriptions are keys of api-enumerations/filing_history_descriptions.yml and types the
form codes Companies House records (NEWINC, AA, CS01, AP01, TM01, DS01, GAZ2 ...).
Categories follow the live service, which also files under `confirmation-statement`,
`gazette` and `dissolution`; the published filingHistoryItem schema's category enum
predates those (the contract test names the three it lacks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sandboxes.companies_house.ids import stable_id
from sandboxes.companies_house.seed_rows import CompanyRow, Person, extra_officers
from sandboxes.companies_house.timeline import CONFIRMATION_STATEMENTS_FROM, Timeline

DOCUMENT_API = "https://document-api.company-information.service.gov.uk/document"

INCORPORATION = {
    "llp": ("LLIN01", "incorporation-limited-liability-partnership"),
    "limited-partnership": ("LP5", "certificate-registration-limited-partnership"),
    "oversea-company": ("OSIN01", "register-overseas-company"),
}
COMPANY_INCORPORATION = ("NEWINC", "incorporation-company")

# role -> (appointment form, description, termination form, description)
APPOINTMENTS = {
    "director": (
        "AP01",
        "appoint-person-director-company-with-name-date",
        "TM01",
        "termination-director-company-with-name-termination-date",
    ),
    "secretary": (
        "AP03",
        "appoint-person-secretary-company-with-name-date",
        "TM02",
        "termination-secretary-company-with-name-termination-date",
    ),
    "llp-designated-member": (
        "LLAP01",
        "appoint-person-member-limited-liability-partnership-with-appointment-date",
        "LLTM01",
        "termination-member-limited-liability-partnership-with-name-termination-date",
    ),
    "general-partner-in-a-limited-partnership": (
        "LPGP01",
        "appoint-person-general-partner-limited-partnership-with-name-appointment-date",
        "LPGP02",
        "termination-person-general-partner-limited-partnership-with-name-termination-date",
    ),
}
APPOINTMENTS["llp-member"] = APPOINTMENTS["llp-designated-member"]


@dataclass(frozen=True)
class Filing:
    on: date
    category: str
    type: str
    description: str
    values: dict[str, str] = field(default_factory=dict)
    subcategory: str | None = None


def filing_history(row: CompanyRow, timeline: Timeline) -> list[dict[str, Any]]:
    """The company's filings, newest first, as filingHistoryItem resources."""
    filings = [
        *_incorporation(row, timeline),
        *_annual_filings(row, timeline),
        *_officer_changes(row, timeline),
        *_insolvency(row),
        *_closure(row, timeline),
    ]
    filings.sort(key=lambda f: (f.on, f.type), reverse=True)
    return [_as_json(row, filing) for filing in filings]


def _incorporation(row: CompanyRow, timeline: Timeline) -> list[Filing]:
    form, description = INCORPORATION.get(row.type, COMPANY_INCORPORATION)
    filings = [Filing(timeline.created, "incorporation", form, description)]
    if row.subtype == "private-fund-limited-partnership":
        filings.append(
            Filing(
                timeline.created,
                "incorporation",
                "LP7D",
                "registration-and-designation-as-a-private-fund-limited-partnership",
            )
        )
    return filings


def _annual_filings(row: CompanyRow, timeline: Timeline) -> list[Filing]:
    if row.type in ("limited-partnership", "oversea-company"):
        return []  # neither files UK confirmation statements
    llp = row.type == "llp"
    filings = [
        Filing(
            period.filed_on,
            "accounts",
            "AA",
            f"accounts-with-accounts-type-{row.accounts_type}",
            {"made_up_date": period.end.isoformat()},
        )
        for period in timeline.filed_accounts()
    ]
    for made_up in timeline.statement_dates():
        values = {"made_up_date": made_up.isoformat()}
        if made_up < CONFIRMATION_STATEMENTS_FROM:
            description = (
                "annual-return-limited-liability-partnership-with-made-up-date"
                if llp
                else "annual-return-company-with-made-up-date-full-list-shareholders"
            )
            form, category = ("LLAR01" if llp else "AR01"), "annual-return"
        else:
            description = "confirmation-statement-with-no-updates"
            form, category = ("LLCS01" if llp else "CS01"), "confirmation-statement"
        filings.append(Filing(made_up + timedelta(days=7), category, form, description, values))
    return filings


def _officer_changes(row: CompanyRow, timeline: Timeline) -> list[Filing]:
    filings: list[Filing] = []
    for person in (*row.people, *extra_officers(row)):
        forms = APPOINTMENTS.get(person.role)
        if forms is None:
            continue
        appoint_form, appoint_description, end_form, end_description = forms
        name = _officer_name(person)
        if person.appointed and date.fromisoformat(person.appointed) > timeline.created:
            values = {"officer_name": name, "appointment_date": person.appointed}
            appointed = date.fromisoformat(person.appointed)
            filings.append(Filing(appointed, "officers", appoint_form, appoint_description, values))
        if person.resigned:
            values = {"officer_name": name, "termination_date": person.resigned}
            resigned = date.fromisoformat(person.resigned)
            filings.append(Filing(resigned, "officers", end_form, end_description, values))
    return filings


def _insolvency(row: CompanyRow) -> list[Filing]:
    if not row.insolvent_on:
        return []
    began = date.fromisoformat(row.insolvent_on)
    if row.status == "administration":
        return [
            Filing(
                began,
                "liquidation",
                "AM01",
                "liquidation-in-administration-appointment-of-administrator",
            ),
            Filing(
                began + timedelta(days=40),
                "liquidation",
                "AM03",
                "liquidation-in-administration-proposals",
            ),
        ]
    return [
        Filing(
            began,
            "resolution",
            "LRESEX",
            "liquidation-voluntary-extraordinary-resolution-to-wind-up",
            subcategory="resolution",
        ),
        Filing(began, "liquidation", "600", "liquidation-voluntary-appointment-of-liquidator"),
        Filing(
            began + timedelta(days=10),
            "liquidation",
            "LIQ02",
            "liquidation-voluntary-statement-of-affairs",
        ),
    ]


def _closure(row: CompanyRow, timeline: Timeline) -> list[Filing]:
    if row.status_detail == "active-proposal-to-strike-off":
        notice = timeline.today - timedelta(days=20)
        return [Filing(notice, "gazette", "GAZ1", "gazette-notice-compulsory")]
    if not row.ceased:
        return []
    ceased = date.fromisoformat(row.ceased)
    if row.insolvent_on:
        return [
            Filing(
                ceased - timedelta(days=90),
                "liquidation",
                "LIQ14",
                "liquidation-voluntary-creditors-return-of-final-meeting",
            ),
            Filing(ceased, "gazette", "GAZ2", "gazette-dissolved-liquidation"),
        ]
    subject = "limited-liability-partnership" if row.type == "llp" else "company"
    return [
        Filing(
            ceased - timedelta(days=100),
            "dissolution",
            "DS01",
            f"dissolution-application-strike-off-{subject}",
        ),
        Filing(ceased - timedelta(days=84), "gazette", "GAZ1(A)", "gazette-notice-voluntary"),
        Filing(ceased, "gazette", "GAZ2(A)", "gazette-dissolved-voluntary"),
    ]


def _officer_name(person: Person) -> str:
    return f"{person.title} {person.forename} {person.surname}"


def _as_json(row: CompanyRow, filing: Filing) -> dict[str, Any]:
    transaction_id = stable_id(row.number, filing.type, filing.on.isoformat(), filing.description)
    item: dict[str, Any] = {
        "transaction_id": transaction_id,
        "category": filing.category,
        "date": filing.on.isoformat(),
        "description": filing.description,
        "type": filing.type,
        "barcode": transaction_id[:8].upper(),
        "pages": 1 + len(filing.values),
        "paper_filed": False,
        "links": {
            "self": f"/company/{row.number}/filing-history/{transaction_id}",
            "document_metadata": f"{DOCUMENT_API}/{stable_id('document', transaction_id)}",
        },
    }
    if filing.values:
        item["description_values"] = filing.values
    if filing.subcategory:
        item["subcategory"] = filing.subcategory
    if filing.category in ("accounts", "officers"):
        item["action_date"] = next(iter(filing.values.values()))
    return item
