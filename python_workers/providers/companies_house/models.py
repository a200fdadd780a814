"""Pydantic models of the Companies House Public Data API's published schemas
(specs/companies-house/api-evangelist/json-schema: companyprofile,
registeredofficeaddress, officerlist, officersummary, filinghistorylist, filinghistoryitem,
the PSC list items of notificationlist, companysearch, companysearchitems).

Members the schema requires are required here; the rest are optional. Enumerated strings
(company_status, officer_role, …) stay `str`: the schemas list only some values and defer
to api-enumerations' constants.yml, which Companies House extends without notice. Members
not modelled are kept (extra="allow") so the cached copy is the whole answer.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class _Resource(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Address(_Resource):
    """registeredOfficeAddress / officer and PSC address: every member optional."""

    care_of: str | None = None
    po_box: str | None = None
    premises: str | None = None
    address_line_1: str | None = None
    address_line_2: str | None = None
    locality: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


class CompanyLinks(_Resource):
    self: str


class PreviousCompanyName(_Resource):
    name: str
    effective_from: date
    ceased_on: date


class NextAccounts(_Resource):
    due_on: date | None = None
    overdue: bool | None = None
    period_end_on: date | None = None
    period_start_on: date | None = None


class AccountsInformation(_Resource):
    next_due: date | None = None
    next_made_up_to: date | None = None
    overdue: bool | None = None
    next_accounts: NextAccounts | None = None


class ConfirmationStatement(_Resource):
    next_due: date | None = None
    next_made_up_to: date | None = None
    last_made_up_to: date | None = None
    overdue: bool | None = None


class CompanyProfile(_Resource):
    company_name: str
    company_number: str
    type: str
    can_file: bool
    links: CompanyLinks
    company_status: str | None = None
    company_status_detail: str | None = None
    date_of_creation: date | None = None
    date_of_cessation: date | None = None
    jurisdiction: str | None = None
    etag: str | None = None
    registered_office_address: Address | None = None
    sic_codes: list[str] = []
    previous_company_names: list[PreviousCompanyName] = []
    accounts: AccountsInformation | None = None
    confirmation_statement: ConfirmationStatement | None = None


class _Page(_Resource):
    """The `start_index` / `items_per_page` envelope of every list resource."""

    start_index: int
    items_per_page: int


class DateOfBirth(_Resource):
    month: int
    year: int


class Officer(_Resource):
    """officerSummary."""

    name: str
    officer_role: str
    links: dict[str, object]
    appointed_on: date | None = None
    resigned_on: date | None = None
    nationality: str | None = None
    occupation: str | None = None
    country_of_residence: str | None = None
    date_of_birth: DateOfBirth | None = None
    address: Address | None = None

    @property
    def appointment_path(self) -> str | None:
        """links.self: the appointment's own resource, a stable id for the officer."""
        path = self.links.get("self")
        return path if isinstance(path, str) else None


class OfficerList(_Page):
    kind: str
    etag: str
    links: dict[str, object]
    total_results: int
    active_count: int
    resigned_count: int
    items: list[Officer] = []


class FilingHistoryItem(_Resource):
    transaction_id: str
    category: str
    date: date
    description: str
    type: str
    subcategory: str | None = None
    barcode: str | None = None
    pages: int | None = None
    paper_filed: bool | None = None
    description_values: dict[str, object] | None = None
    links: dict[str, object] | None = None


class FilingHistoryList(_Page):
    kind: str
    etag: str
    total_count: int
    filing_history_status: str | None = None
    items: list[FilingHistoryItem] = []


class PersonWithSignificantControl(_Resource):
    """An item of the PSC list (notificationlist.json's items; `required` as the contract
    tests read it: none, since that list belongs to the notification resource)."""

    name: str | None = None
    kind: str | None = None
    etag: str | None = None
    notified_on: date | None = None
    ceased_on: date | None = None
    natures_of_control: list[str] = []
    nationality: str | None = None
    country_of_residence: str | None = None
    address: Address | None = None
    links: dict[str, object] = {}

    @property
    def resource_path(self) -> str | None:
        path = self.links.get("self")
        return path if isinstance(path, str) else None


class PscList(_Page):
    total_results: int
    active_count: int
    ceased_count: int
    links: dict[str, object] = {}
    etag: str | None = None
    items: list[PersonWithSignificantControl] = []


class CompanySearchItem(_Resource):
    kind: str
    title: str
    company_number: str
    company_type: str
    company_status: str
    address_snippet: str
    links: dict[str, object]
    address: Address
    date_of_creation: date
    date_of_cessation: date | None = None
    description: str | None = None


class CompanySearch(_Page):
    kind: str
    total_results: int
    page_number: int | None = None
    items: list[CompanySearchItem] = []
