"""Pydantic models of the QuickBooks Online v3 payloads Plugboard sends and reads.

Field names are Intuit's (PascalCase). Models of what we read keep unknown fields
(`extra="allow"`): QuickBooks adds fields over minor versions and the hash of what we sent
(hashing.py) reads only the fields we send. Models of what we send forbid unknown ones.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, PlainSerializer

# Amounts go out as JSON numbers, as QuickBooks expects (pydantic would write strings).
Number = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class Read(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Send(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class Ref(Send):
    value: str
    name: str | None = None
    type: str | None = None  # EntityRef: Vendor or Customer


class FaultError(Read):
    Message: str = ""
    Detail: str = ""
    code: str = ""
    element: str | None = None


class Fault(Read):
    Error: list[FaultError] = []
    type: str = ""


class CompanyInfo(Read):
    Id: str
    CompanyName: str
    LegalName: str | None = None
    Country: str | None = None
    FiscalYearStartMonth: str | None = None


class Named(Read):
    """A name-list entity as reference data: Account, Class, TaxCode."""

    Id: str
    Name: str
    Active: bool = True
    ParentRef: dict[str, Any] | None = None


class Account(Named):
    AcctNum: str | None = None
    AccountType: str | None = None
    AccountSubType: str | None = None
    Classification: str | None = None
    CurrencyRef: dict[str, Any] | None = None


class TaxCode(Named):
    Description: str | None = None
    Taxable: bool | None = None


class Entity(Read):
    """Any entity as QuickBooks answers it: Id and SyncToken, the rest as sent back."""

    Id: str
    SyncToken: str = "0"


class EmailAddress(Send):
    Address: str


class Phone(Send):
    FreeFormNumber: str


class WebAddress(Send):
    URI: str


class Address(Send):
    Line1: str | None = None
    Line2: str | None = None
    City: str | None = None
    CountrySubDivisionCode: str | None = None
    PostalCode: str | None = None
    Country: str | None = None


class Party(Send):
    """Vendor or Customer, as Plugboard sends them."""

    DisplayName: str
    CompanyName: str | None = None
    PrimaryEmailAddr: EmailAddress | None = None
    PrimaryPhone: Phone | None = None
    WebAddr: WebAddress | None = None
    BillAddr: Address | None = None
    CurrencyRef: Ref | None = None


class ExpenseLineDetail(Send):
    AccountRef: Ref
    TaxCodeRef: Ref | None = None
    ClassRef: Ref | None = None


class SalesLineDetail(Send):
    Qty: Number | None = None
    UnitPrice: Number | None = None
    TaxCodeRef: Ref | None = None
    ClassRef: Ref | None = None


class Line(Send):
    Amount: Number
    Description: str | None = None
    DetailType: Literal["AccountBasedExpenseLineDetail", "SalesItemLineDetail"]
    AccountBasedExpenseLineDetail: ExpenseLineDetail | None = None
    SalesItemLineDetail: SalesLineDetail | None = None


class Transaction(Send):
    """Purchase, Bill or Invoice: the fields each takes are set by payloads.py."""

    TxnDate: str
    DocNumber: str | None = None
    PrivateNote: str | None = None
    CurrencyRef: Ref | None = None
    Line: list[Line]
    # Purchase
    PaymentType: Literal["Cash", "Check", "CreditCard"] | None = None
    AccountRef: Ref | None = None
    EntityRef: Ref | None = None
    # Bill
    VendorRef: Ref | None = None
    DueDate: str | None = None
    # Invoice
    CustomerRef: Ref | None = None


class Payment(Read):
    Id: str
    TotalAmt: Decimal | None = None
    TxnDate: str | None = None
    Line: list[dict[str, Any]] = []

    def invoice_amounts(self) -> dict[str, Decimal]:
        """What this payment pays on each invoice (Line[].Amount by LinkedTxn of TxnType
        Invoice)."""
        amounts: dict[str, Decimal] = {}
        for line in self.Line:
            for linked in line.get("LinkedTxn", []):
                if linked.get("TxnType") == "Invoice" and "TxnId" in linked:
                    invoice = str(linked["TxnId"])
                    amounts[invoice] = amounts.get(invoice, Decimal(0)) + Decimal(
                        str(line.get("Amount", 0))
                    )
        return amounts
