"""Submit VAT return for period (POST .../returns) and View VAT Return (GET .../returns/{key}).

A return is checked as hmrc/vat-api checks it (see validation.py), then against what the VRN
already filed (DUPLICATE_SUBMISSION) and the period's end (TAX_PERIOD_NOT_ENDED, for the
sandbox's own quarterly keys). Accepted returns are kept, fulfil their obligation and, when
VAT is owed, become a liability.
"""

from __future__ import annotations

import json
import random
import secrets
import string
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sandboxes.hmrc.state import StoredReturn, VatAccount
from sandboxes.hmrc.vat.admission import Scenarios, admit, simulated
from sandboxes.hmrc.vat.answers import (
    INVALID_REQUEST,
    NOT_FOUND,
    UNKNOWN_SCENARIO,
    VRN_INVALID,
    answer,
    business_error,
    error,
    field_errors,
)
from sandboxes.hmrc.vat.financial import DEBIT_CHARGE
from sandboxes.hmrc.vat.periods import quarter_of_key
from sandboxes.hmrc.vat.validation import PERIOD_KEY, arithmetic_errors, format_errors

PERIOD_KEY_INVALID = ("PERIOD_KEY_INVALID", "Invalid period key")
DUPLICATE_SUBMISSION = (
    "DUPLICATE_SUBMISSION",
    "The VAT return was already submitted for the given period",
)
TAX_PERIOD_NOT_ENDED = (
    "TAX_PERIOD_NOT_ENDED",
    "The remote endpoint has indicated that the submission is for a tax period that has not ended",
)
NOT_FINALISED = ("NOT_FINALISED", "User has not declared VAT return as final")
DATE_RANGE_TOO_LARGE = (
    "DATE_RANGE_TOO_LARGE",
    "The date of the requested return cannot be further than four years from the current date",
)
SUBMIT_SCENARIOS: Scenarios = {
    "INVALID_VRN": (400, VRN_INVALID),
    "INVALID_PERIODKEY": (400, PERIOD_KEY_INVALID),
    "INVALID_PAYLOAD": (400, INVALID_REQUEST),
    "DUPLICATE_SUBMISSION": (403, DUPLICATE_SUBMISSION),
    "TAX_PERIOD_NOT_ENDED": (403, TAX_PERIOD_NOT_ENDED),
}
VIEW_SCENARIOS: Scenarios = {"DATE_RANGE_TOO_LARGE": (403, DATE_RANGE_TOO_LARGE)}


async def submit_return(request: Request) -> Response:
    call = admit(request, "write:vat")
    if isinstance(call, Response):
        return call
    canned = simulated(call, SUBMIT_SCENARIOS)
    if canned is not None:
        return canned
    if call.scenario is not None:
        return error(400, UNKNOWN_SCENARIO)
    try:
        body = json.loads(await request.body(), parse_float=Decimal, parse_int=Decimal)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return error(400, INVALID_REQUEST)
    problems = format_errors(body) or arithmetic_errors(body)
    if problems:
        return field_errors(400, problems)
    nested = call.state.config.business_error_envelope
    if body["finalised"] is not True:
        return business_error(403, NOT_FINALISED, nested=nested)
    if body["periodKey"] in call.account.returns:
        return business_error(403, DUPLICATE_SUBMISSION, nested=nested)
    period = quarter_of_key(body["periodKey"])
    if period is not None and period.end >= date.today():
        return error(403, TAX_PERIOD_NOT_ENDED)
    return _accept_return(call.account, body)


def _accept_return(account: VatAccount, body: dict[str, Any]) -> Response:
    now = datetime.now(UTC)
    timestamp = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
    boxes = {k: v for k, v in body.items() if k != "finalised"}
    stored = StoredReturn(
        boxes, now.date(), timestamp, "".join(random.choices(string.digits, k=12))
    )
    account.returns[body["periodKey"]] = stored
    response: dict[str, Any] = {
        "processingDate": stored.processing_date,
        "formBundleNumber": stored.form_bundle_number,
    }
    net = body["totalVatDue"] - body["vatReclaimedCurrPeriod"]
    if net:
        response["paymentIndicator"] = "DD" if net > 0 else "BANK"
    if net > 0:
        response["chargeRefNumber"] = "XV" + secrets.token_hex(7).upper()
        account.liabilities.append(_liability(body["periodKey"], net, stored.received))
    receipt = {
        "Receipt-ID": str(uuid.uuid4()),
        "Receipt-Timestamp": timestamp,
        "Receipt-Signature": "This has been deprecated - DO NOT USE",
    }
    return answer(response, 201, receipt)


def _liability(period_key: str, amount: Decimal, received: date) -> dict[str, Any]:
    period = quarter_of_key(period_key)
    liability: dict[str, Any] = {
        "type": DEBIT_CHARGE,
        "originalAmount": amount,
        "outstandingAmount": amount,
        "due": (period.due if period else received).isoformat(),
    }
    if period is not None:
        liability["taxPeriod"] = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    return liability


async def view_return(request: Request) -> Response:
    call = admit(request, "read:vat")
    if isinstance(call, Response):
        return call
    period_key = request.path_params["period_key"]
    if not PERIOD_KEY.fullmatch(period_key):
        return error(400, PERIOD_KEY_INVALID)
    canned = simulated(call, VIEW_SCENARIOS)
    if canned is not None:
        return canned
    if call.scenario is not None:
        return error(400, UNKNOWN_SCENARIO)
    stored = call.account.returns.get(period_key)
    return error(404, NOT_FOUND) if stored is None else answer(stored.boxes)
