"""The MTD VAT API over httpx: the versioned Accept header, the bearer token, the
fraud-prevention headers of the call's connection method, typed answers and HMRC's errors
as ProviderErrors (code HMRC's own: DUPLICATE_SUBMISSION, VAT_TOTAL_VALUE, …). The token
is passed per call and never logged or put into an error."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from python_workers.providers.errors import ProviderError, ProviderUnavailable, RateLimited
from python_workers.providers.hmrc.models import (
    ErrorResponse,
    Obligations,
    SubmitResponse,
    VatReturnDeclaration,
)

ACCEPT = "application/vnd.hmrc.1.0+json"


class HmrcRefused(ProviderError):
    """HMRC answered 4xx with its error body; `status` is the HTTP status."""

    def __init__(self, status: int, error: ErrorResponse) -> None:
        super().__init__(
            error.code,
            error.message,
            {"status": status, "errors": [e.model_dump(exclude_none=True) for e in error.errors]},
        )
        self.status = status
        self.error = error


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
    http: httpx.AsyncClient
    base_url: str
    access_token: str

    def __repr__(self) -> str:
        return f"HmrcApi({self.base_url!r}, <token redacted>)"

    async def obligations(
        self, vrn: str, fraud: dict[str, str], first: date, last: date
    ) -> Obligations:
        response = await self._send(
            "GET",
            f"/organisations/vat/{vrn}/obligations",
            fraud,
            params={"from": first.isoformat(), "to": last.isoformat()},
        )
        if response.status_code == 404:
            return Obligations(obligations=[])  # HMRC: no obligations in the range
        return Obligations.model_validate_json(self._ok(response).content)

    async def submit_return(
        self, vrn: str, body: VatReturnDeclaration, fraud: dict[str, str]
    ) -> Receipt:
        response = await self._send(
            "POST",
            f"/organisations/vat/{vrn}/returns",
            fraud,
            content=json.dumps(body.model_dump(), default=_number).encode(),
        )
        answer = SubmitResponse.model_validate_json(self._ok(response).content)
        return Receipt(
            receipt_id=response.headers.get("receipt-id"),
            receipt_timestamp=response.headers.get("receipt-timestamp"),
            correlation_id=response.headers.get("x-correlationid"),
            processing_date=answer.processingDate,
            form_bundle_number=answer.formBundleNumber,
            payment_indicator=answer.paymentIndicator,
            charge_ref_number=answer.chargeRefNumber,
        )

    async def _send(
        self, method: str, path: str, fraud: dict[str, str], **kwargs: Any
    ) -> httpx.Response:
        headers = {
            "Accept": ACCEPT,
            "Authorization": f"Bearer {self.access_token}",
            "Content-Type": "application/json",
            **fraud,
        }
        try:
            return await self.http.request(method, self.base_url + path, headers=headers, **kwargs)
        except httpx.TransportError as error:
            raise ProviderUnavailable("HMRC", None) from error

    def _ok(self, response: httpx.Response) -> httpx.Response:
        if response.status_code in (200, 201):
            return response
        if response.status_code == 429:
            retry = response.headers.get("retry-after", "1")
            raise RateLimited(float(retry) if retry.isdigit() else 1.0, "HMRC")
        if response.status_code >= 500:
            raise ProviderUnavailable("HMRC", response.status_code)
        try:
            error = ErrorResponse.model_validate_json(response.content)
        except ValidationError:
            error = ErrorResponse(
                code=f"http_{response.status_code}", message="HMRC refused the call"
            )
        raise HmrcRefused(response.status_code, error)


def _number(value: object) -> int | float:
    """Amounts as JSON numbers, as HMRC requires. At most 15 significant digits (13 before
    the point and 2 after), which a float's shortest repr keeps exactly."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
