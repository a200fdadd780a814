"""Pydantic models of the MTD VAT API's published schemas (specs/hmrc-vat/
vat-api-oas/application.yaml): Obligation(s), VATReturnDeclaration, the 9-box submission's
success response, and HMRC's error response."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict


class Obligation(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: date
    end: date
    due: date
    status: Literal["O", "F"]
    periodKey: str
    received: date | None = None


class Obligations(BaseModel):
    obligations: list[Obligation]


class VatReturnDeclaration(BaseModel):
    """The body of POST /organisations/vat/{vrn}/returns (boxes 1-9 under HMRC's own names)."""

    model_config = ConfigDict(extra="forbid")

    periodKey: str
    vatDueSales: Decimal
    vatDueAcquisitions: Decimal
    totalVatDue: Decimal
    vatReclaimedCurrPeriod: Decimal
    netVatDue: Decimal
    totalValueSalesExVAT: Decimal
    totalValuePurchasesExVAT: Decimal
    totalValueGoodsSuppliedExVAT: Decimal
    totalAcquisitionsExVAT: Decimal
    finalised: bool


class SubmitResponse(BaseModel):
    processingDate: str
    formBundleNumber: str
    paymentIndicator: str | None = None
    chargeRefNumber: str | None = None


class FieldError(BaseModel):
    code: str
    message: str
    path: str | None = None


class ErrorResponse(BaseModel):
    code: str
    message: str = ""  # the Apprenticeship Levy API often gives the code alone
    errors: list[FieldError] = []
