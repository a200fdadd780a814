"""QuickBooks' input rows (records.py) as the database would give them, for unit tests:
defaults for a GBP expense of one line and a business supplier, any field overridden."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from python_workers.providers.quickbooks.records import LineRow, RelationshipRow, TransactionRow


def line_row(**values: Any) -> LineRow:
    defaults: dict[str, Any] = {
        "number": 1, "description": "Timber", "quantity": Decimal(2),
        "unit_amount": Decimal("60.25"), "amount": Decimal("120.50"), "account_id": "84",
        "tax_code_id": "TAX", "class_id": None,
    }  # fmt: skip
    return LineRow.model_validate(defaults | values)


def transaction_row(**values: Any) -> TransactionRow:
    defaults: dict[str, Any] = {
        "id": "4f7c", "relationship_id": "9a1e", "transaction_type": "Expense",
        "transaction_direction": "inbound", "reference": "EXP-1", "description": "Site visit",
        "transaction_date": "2026-11-30", "due_date": None, "currency_code": "GBP",
        "payment_type": "CreditCard", "payment_account_id": "41", "vendor_id": "56",
        "customer_id": None, "mapped_id": None, "mapped_version": None, "mapped_hash": None,
        "lines": [line_row()],
    }  # fmt: skip
    return TransactionRow.model_validate(defaults | values)


def relationship_row(**values: Any) -> RelationshipRow:
    defaults: dict[str, Any] = {
        "id": "9a1e", "entity_type": "Business", "display_name": "  Oakwood Timber ",
        "legal_name": "Oakwood Timber Ltd", "email": "accounts@oakwood.test", "phone": None,
        "website": None, "address_line1": None, "address_line2": None, "city": None,
        "region": None, "postal_code": None, "country_code": None, "currency_code": "GBP",
        "mapped_id": None, "mapped_version": None, "mapped_hash": None, "mapped_via": None,
    }  # fmt: skip
    return RelationshipRow.model_validate(defaults | values)
