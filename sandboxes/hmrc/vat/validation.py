"""Validation of a submitted 9-box VAT return, rule for rule as hmrc/vat-api's
SubmitReturnValidator: mandatory fields, types, period key format, monetary formats and
ranges, then the box arithmetic (VAT_TOTAL_VALUE, VAT_NET_VALUE), then `finalised`.

Numbers are read as Decimal so that "to 2 decimal places" means what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

PERIOD_KEY = re.compile(r"[#0-9A-Z]{4}")
VRN = re.compile(r"\d{9}")

PENCE_FIELDS = ("vatDueSales", "vatDueAcquisitions", "totalVatDue", "vatReclaimedCurrPeriod")
WHOLE_POUND_FIELDS = (
    "totalValueSalesExVAT",
    "totalValuePurchasesExVAT",
    "totalValueGoodsSuppliedExVAT",
    "totalAcquisitionsExVAT",
)
AMOUNT_FIELDS = (*PENCE_FIELDS, "netVatDue", *WHOLE_POUND_FIELDS)
REGULAR_LIMIT = Decimal("9999999999999.99")
NET_LIMIT = Decimal("99999999999.99")
WHOLE_LIMIT = Decimal("9999999999999")

PENCE_MESSAGE = (
    "amount should be a monetary value (to 2 decimal places), "
    "between -9,999,999,999,999.99 and 9,999,999,999,999.99"
)
NET_MESSAGE = (
    "amount should be a monetary value (to 2 decimal places), between 0 and 99,999,999,999.99"
)
WHOLE_MESSAGE = "The value must be between -9999999999999 and 9999999999999"


@dataclass(frozen=True)
class FieldError:
    code: str
    message: str
    path: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "path": self.path}


VAT_TOTAL_VALUE = FieldError(
    "VAT_TOTAL_VALUE",
    "totalVatDue should be equal to the sum of vatDueSales and vatDueAcquisitions",
    "/totalVatDue",
)
VAT_NET_VALUE = FieldError(
    "VAT_NET_VALUE",
    "netVatDue should be the difference between the largest and the smallest values among "
    "totalVatDue and vatReclaimedCurrPeriod",
    "/netVatDue",
)


def _decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def format_errors(body: dict[str, Any]) -> list[FieldError]:
    """Missing fields, wrong types, a malformed period key, amounts out of format or range."""
    found: list[FieldError] = []
    for name in ("periodKey", *AMOUNT_FIELDS, "finalised"):
        if name not in body:
            found.append(
                FieldError("MANDATORY_FIELD_MISSING", "a mandatory field is missing", f"/{name}")
            )
    period_key = body.get("periodKey")
    if "periodKey" in body and not isinstance(period_key, str):
        found.append(
            FieldError("INVALID_STRING_VALUE", "please provide a string field", "/periodKey")
        )
    elif isinstance(period_key, str) and not PERIOD_KEY.fullmatch(period_key):
        found.append(
            FieldError(
                "PERIOD_KEY_INVALID", "period key should be a 4 character string", "/periodKey"
            )
        )
    for name in AMOUNT_FIELDS:
        if name in body:
            found += _amount_errors(name, body[name])
    if "finalised" in body and not isinstance(body["finalised"], bool):
        found.append(FieldError("INVALID_REQUEST", "please provide a boolean field", "/finalised"))
    return found


def _amount_errors(name: str, value: Any) -> list[FieldError]:
    if isinstance(value, bool) or not isinstance(value, Decimal):
        return [FieldError("INVALID_NUMERIC_VALUE", "please provide a numeric field", f"/{name}")]
    if name in WHOLE_POUND_FIELDS:
        low, high, places, message = -WHOLE_LIMIT, WHOLE_LIMIT, 0, WHOLE_MESSAGE
    elif name == "netVatDue":
        low, high, places, message = Decimal(0), NET_LIMIT, 2, NET_MESSAGE
    else:
        low, high, places, message = -REGULAR_LIMIT, REGULAR_LIMIT, 2, PENCE_MESSAGE
    if _decimal_places(value) > places or not low <= value <= high:
        return [FieldError("INVALID_MONETARY_AMOUNT", message, f"/{name}")]
    return []


def arithmetic_errors(body: dict[str, Any]) -> list[FieldError]:
    """Box 3 = box 1 + box 2; box 5 = |box 3 - box 4| (format_errors found none)."""
    found: list[FieldError] = []
    if body["vatDueSales"] + body["vatDueAcquisitions"] != body["totalVatDue"]:
        found.append(VAT_TOTAL_VALUE)
    if abs(body["totalVatDue"] - body["vatReclaimedCurrPeriod"]) != body["netVatDue"]:
        found.append(VAT_NET_VALUE)
    return found
