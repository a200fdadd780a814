"""Pydantic models of the Apprenticeship Levy API 1.0's published schemas (HMRC developer
hub; hmrc/apprenticeship-levy public/api/conf/1.0): employer levy declarations and
fraction calculations. HMRC's examples give the allowance as levyAllowanceForFullYear and
the schema as allowance, and fraction values as strings or numbers: both are taken."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

EntryType = Literal["levy_declaration", "no_payment", "inactive", "ceased"]


class PayrollPeriod(BaseModel):
    year: str  # the tax year, e.g. "25-26"
    month: int  # the tax month, 1 = April


class LevyDeclaration(BaseModel):
    """One entry of an Employer Payment Summary as the levy API reports it."""

    model_config = ConfigDict(frozen=True)

    id: int
    submissionId: int | None = None
    submissionTime: str
    payrollPeriod: PayrollPeriod | None = None
    levyDueYTD: Decimal | None = None
    levyAllowanceForFullYear: Decimal | None = None
    allowance: Decimal | None = None
    noPaymentForPeriod: bool | None = None
    inactiveFrom: date | None = None
    inactiveTo: date | None = None
    dateCeased: date | None = None

    @property
    def entry_type(self) -> EntryType:
        if self.dateCeased is not None:
            return "ceased"
        if self.inactiveFrom is not None:
            return "inactive"
        if self.noPaymentForPeriod:
            return "no_payment"
        return "levy_declaration"

    @property
    def label(self) -> str:
        if self.payrollPeriod is not None:
            return f"{self.payrollPeriod.year} month {self.payrollPeriod.month}"
        if self.dateCeased is not None:
            return f"ceased {self.dateCeased.isoformat()}"
        if self.inactiveFrom is not None:
            return f"inactive from {self.inactiveFrom.isoformat()}"
        return f"submission {self.submissionId or self.id}"


class LevyDeclarations(BaseModel):
    empref: str
    declarations: list[LevyDeclaration]


class Fraction(BaseModel):
    region: str
    value: Decimal  # 0 to 1


class FractionCalculation(BaseModel):
    calculatedAt: date
    fractions: list[Fraction]


class FractionCalculations(BaseModel):
    empref: str
    fractionCalculations: list[FractionCalculation]
