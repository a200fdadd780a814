"""The entities the sandbox serves and what QuickBooks lets an API client do with each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityKind:
    name: str
    # Field that must be unique, and the namespace it is unique in (QuickBooks keeps one
    # namespace for customer, vendor and employee display names).
    name_field: str | None = None
    name_scope: str | None = None
    creatable: bool = True
    updatable: bool = True
    # Transactions can be deleted; name lists (Vendor, Account...) are made inactive instead.
    deletable: bool = False
    has_active: bool = False
    required: tuple[str, ...] = ()
    # Intuit sends webhooks for most entities, but not for CompanyInfo.
    webhooks: bool = True


KINDS: dict[str, EntityKind] = {
    kind.name: kind
    for kind in (
        EntityKind("CompanyInfo", creatable=False, webhooks=False),
        EntityKind("Account", "Name", "Account", has_active=True, required=("Name",)),
        EntityKind("Class", "Name", "Class", has_active=True, required=("Name",)),
        # Tax codes and rates are created through the TaxService, not the entity endpoints.
        EntityKind("TaxCode", creatable=False, updatable=False, has_active=True),
        EntityKind("TaxRate", creatable=False, updatable=False, has_active=True),
        EntityKind("Vendor", "DisplayName", "names", has_active=True),
        EntityKind("Customer", "DisplayName", "names", has_active=True),
        EntityKind("Purchase", deletable=True, required=("PaymentType", "AccountRef", "Line")),
        EntityKind("Bill", deletable=True, required=("VendorRef", "Line")),
        EntityKind("Invoice", deletable=True, required=("CustomerRef", "Line")),
        EntityKind("Payment", deletable=True, required=("CustomerRef", "TotalAmt")),
    )
}
# URL paths (/vendor/1) and the query language (FROM vendor) name entities in any case.
BY_LOWER_NAME: dict[str, EntityKind] = {name.lower(): kind for name, kind in KINDS.items()}

# Reference fields whose target the sandbox checks exists and is active.
REFERENCE_TARGETS: dict[str, str] = {
    "VendorRef": "Vendor",
    "CustomerRef": "Customer",
    "AccountRef": "Account",
    "APAccountRef": "Account",
    "ARAccountRef": "Account",
    "DepositToAccountRef": "Account",
    "ClassRef": "Class",
    "TaxCodeRef": "TaxCode",
}

ACCOUNT_CLASSIFICATION = {
    "Bank": "Asset", "Accounts Receivable": "Asset", "Other Current Asset": "Asset",
    "Fixed Asset": "Asset", "Other Asset": "Asset",
    "Accounts Payable": "Liability", "Credit Card": "Liability",
    "Other Current Liability": "Liability", "Long Term Liability": "Liability",
    "Equity": "Equity", "Income": "Revenue", "Other Income": "Revenue",
    "Expense": "Expense", "Other Expense": "Expense", "Cost of Goods Sold": "Expense",
}  # fmt: skip
