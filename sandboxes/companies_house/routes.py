"""The Public Data API routes: company resources, people resources and search; and the
sandbox's own /_sandbox/ helpers (helpers.py)."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from sandboxes.companies_house.company_routes import (
    company_profile,
    filing_history,
    filing_history_item,
    insolvency,
    registered_office_address,
    search,
)
from sandboxes.companies_house.helpers import HELPER_ROUTES
from sandboxes.companies_house.people_routes import (
    appointment,
    officer_appointments,
    officers,
    person_with_significant_control,
    persons_with_significant_control,
)

ROUTES: list[BaseRoute] = [
    Route("/company/{company_number}", company_profile),
    Route("/company/{company_number}/officers", officers),
    Route("/company/{company_number}/filing-history", filing_history),
    Route("/company/{company_number}/filing-history/{transaction_id}", filing_history_item),
    Route(
        "/company/{company_number}/persons-with-significant-control",
        persons_with_significant_control,
    ),
    Route("/company/{company_number}/registered-office-address", registered_office_address),
    Route("/company/{company_number}/appointments/{appointment_id}", appointment),
    Route(
        "/company/{company_number}/persons-with-significant-control/{kind}/{notification_id}",
        person_with_significant_control,
    ),
    Route("/company/{company_number}/insolvency", insolvency),
    Route("/officers/{officer_id}/appointments", officer_appointments),
    Route("/search/companies", search),
    *HELPER_ROUTES,
]
