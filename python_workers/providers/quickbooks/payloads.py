"""Plugboard records as the QuickBooks payloads Plugboard sends (pure functions).

  relationship -> Vendor or Customer (party)
  Expense -> Purchase; inbound Invoice, Payroll Invoice, Reimbursement -> Bill;
  outbound Invoice -> Invoice
Lines post to the QuickBooks accounts, tax codes and classes the project's codes map to;
the client action validate_transaction_send_to has already refused records whose
references are not mapped, so a missing id here is a bug, not a user error.
"""

from __future__ import annotations

from typing import TypeVar

from python_workers.providers.quickbooks.models import (
    Address,
    EmailAddress,
    ExpenseLineDetail,
    Line,
    Party,
    Phone,
    Ref,
    SalesLineDetail,
    Transaction,
    WebAddress,
)
from python_workers.providers.quickbooks.records import LineRow, RelationshipRow, TransactionRow

T = TypeVar("T")


def party(row: RelationshipRow) -> Party:
    has_address = any((row.address_line1, row.city, row.postal_code, row.country_code))
    return Party(
        DisplayName=row.display_name.strip(),
        CompanyName=(row.legal_name or row.display_name) if row.entity_type == "Business" else None,
        PrimaryEmailAddr=EmailAddress(Address=row.email) if row.email else None,
        PrimaryPhone=Phone(FreeFormNumber=row.phone) if row.phone else None,
        WebAddr=WebAddress(URI=row.website) if row.website else None,
        BillAddr=Address(
            Line1=row.address_line1, Line2=row.address_line2, City=row.city,
            CountrySubDivisionCode=row.region, PostalCode=row.postal_code,
            Country=row.country_code,
        ) if has_address else None,
        CurrencyRef=Ref(value=row.currency_code) if row.currency_code else None,
    )  # fmt: skip


def transaction(row: TransactionRow, entity: str) -> Transaction:
    common = {
        "TxnDate": row.transaction_date,
        "DocNumber": row.reference,
        "PrivateNote": row.description,
        "CurrencyRef": Ref(value=row.currency_code),
    }
    if entity == "Invoice":
        return Transaction(
            **common,
            Line=[_sales_line(line) for line in row.lines],
            CustomerRef=Ref(value=_required(row.customer_id, "customer")),
            DueDate=row.due_date,
        )
    lines = [_expense_line(line) for line in row.lines]
    if entity == "Bill":
        return Transaction(
            **common,
            Line=lines,
            VendorRef=Ref(value=_required(row.vendor_id, "vendor")),
            DueDate=row.due_date,
        )
    return Transaction(
        **common,
        Line=lines,
        PaymentType=row.payment_type,  # Cash, Check or CreditCard: the SQL rules say which
        AccountRef=Ref(value=_required(row.payment_account_id, "payment account")),
        EntityRef=Ref(value=row.vendor_id, type="Vendor") if row.vendor_id else None,
    )


def _expense_line(line: LineRow) -> Line:
    return Line(
        Amount=_required(line.amount, f"line {line.number} amount"),
        Description=line.description,
        DetailType="AccountBasedExpenseLineDetail",
        AccountBasedExpenseLineDetail=ExpenseLineDetail(
            AccountRef=Ref(value=_required(line.account_id, f"line {line.number} account")),
            TaxCodeRef=Ref(value=line.tax_code_id) if line.tax_code_id else None,
            ClassRef=Ref(value=line.class_id) if line.class_id else None,
        ),
    )


def _sales_line(line: LineRow) -> Line:
    return Line(
        Amount=_required(line.amount, f"line {line.number} amount"),
        Description=line.description,
        DetailType="SalesItemLineDetail",
        SalesItemLineDetail=SalesLineDetail(
            Qty=line.quantity,
            UnitPrice=line.unit_amount,
            TaxCodeRef=Ref(value=line.tax_code_id) if line.tax_code_id else None,
            ClassRef=Ref(value=line.class_id) if line.class_id else None,
        ),
    )


def _required(value: T | None, what: str) -> T:
    if value is None:
        raise ValueError(f"{what} is not mapped although the record passed validation")
    return value
