"""The MTD VAT API: obligations and 9-box returns, with the fraud-prevention headers of the
call's connection method, typed answers, and HMRC's errors as ProviderErrors (code HMRC's
own: DUPLICATE_SUBMISSION, VAT_TOTAL_VALUE, …) through http.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from python_workers.providers.hmrc.http import HmrcHttp, ok
from python_workers.providers.hmrc.models import Obligations, SubmitResponse, VatReturnDeclaration
from python_workers.providers.url_paths import path_segment

DateRange = tuple[date, date]  # first and last day, both included


class Receipt(BaseModel):
    """What HMRC gives back for an accepted return, kept with the sync log."""

    receipt_id: str | None
    receipt_timestamp: str | None
    correlation_id: str | None
    processing_date: str
    form_bundle_number: str
    payment_indicator: str | None = None
    charge_ref_number: str | None = None


@dataclass(frozen=True)
class HmrcApi:
    http: HmrcHttp

    async def obligations(
        self, vrn: str, fraud: dict[str, str], status: Literal["O", "F"], within: DateRange | None
    ) -> Obligations:
        """The VRN's obligations of `status`; HMRC requires a range (at most 366 days)
        except for open ones, which it gives whatever their age when asked without one."""
        params: dict[str, str] = {"status": status}
        if within is not None:
            params |= {"from": within[0].isoformat(), "to": within[1].isoformat()}
        response = await self.http.send(
            "GET", f"/organisations/vat/{path_segment('vrn', vrn)}/obligations", fraud,
            params=params,
        )  # fmt: skip
        if response.status_code == 404:
            return Obligations(obligations=[])  # HMRC: no such obligations
        return Obligations.model_validate_json(ok(response).content)

    async def submit_return(
        self, vrn: str, body: VatReturnDeclaration, fraud: dict[str, str]
    ) -> Receipt:
        response = await self.http.send(
            "POST",
            f"/organisations/vat/{path_segment('vrn', vrn)}/returns",
            {"Content-Type": "application/json", **fraud},
            content=json.dumps(body.model_dump(), default=_number).encode(),
        )
        answer = SubmitResponse.model_validate_json(ok(response).content)
        return Receipt(
            receipt_id=response.headers.get("receipt-id"),
            receipt_timestamp=response.headers.get("receipt-timestamp"),
            correlation_id=response.headers.get("x-correlationid"),
            processing_date=answer.processingDate,
            form_bundle_number=answer.formBundleNumber,
            payment_indicator=answer.paymentIndicator,
            charge_ref_number=answer.chargeRefNumber,
        )


def _number(value: object) -> int | float:
    """Amounts as JSON numbers, as HMRC requires. At most 15 significant digits (13 before
    the point and 2 after), which a float's shortest repr keeps exactly."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
