"""The VAT (MTD) endpoints under /organisations/vat/{vrn}.

Every call passes the API platform (Accept header, token, scope), has its fraud-prevention
headers judged and recorded, then checks the VRN: its format (400 VRN_INVALID), then that
the token's grant is for it (403 CLIENT_OR_AGENT_NOT_AUTHORISED). Gov-Test-Scenario values
from the OAS test-data tables simulate HMRC's canned answers; without one the sandbox
answers from what it holds for the VRN.
"""

from __future__ import annotations

import json
import random
import secrets
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sandboxes.hmrc.gateway import authorise, record_fraud_headers
from sandboxes.hmrc.state import HmrcState, StoredReturn, VatAccount, hmrc_state
from sandboxes.hmrc.vat.answers import (
    INSOLVENT_TRADER,
    INVALID_REQUEST,
    NOT_AUTHORISED,
    NOT_FOUND,
    UNKNOWN_SCENARIO,
    VRN_INVALID,
    answer,
    error,
    field_errors,
)
from sandboxes.hmrc.vat.date_params import financial_range, obligation_query
from sandboxes.hmrc.vat.financial import (
    DEBIT_CHARGE,
    SCENARIO_LIABILITIES,
    SCENARIO_PAYMENTS,
    liability_date,
    payment_date,
    within,
)
from sandboxes.hmrc.vat.obligations import account_obligations, scenario_obligations
from sandboxes.hmrc.vat.periods import quarter_of_key
from sandboxes.hmrc.vat.validation import PERIOD_KEY, VRN, arithmetic_errors, format_errors

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
# Scenarios every endpoint accepts, and what each endpoint adds.
COMMON_SCENARIOS = {"INSOLVENT_TRADER": (403, INSOLVENT_TRADER)}
SUBMIT_SCENARIOS = {
    "INVALID_VRN": (400, VRN_INVALID),
    "INVALID_PERIODKEY": (400, PERIOD_KEY_INVALID),
    "INVALID_PAYLOAD": (400, INVALID_REQUEST),
    "DUPLICATE_SUBMISSION": (403, DUPLICATE_SUBMISSION),
    "TAX_PERIOD_NOT_ENDED": (403, TAX_PERIOD_NOT_ENDED),
}
VIEW_SCENARIOS = {"DATE_RANGE_TOO_LARGE": (403, DATE_RANGE_TOO_LARGE)}
OBLIGATION_SCENARIOS = {"NOT_FOUND": (404, NOT_FOUND)}


@dataclass(frozen=True)
class VatCall:
    state: HmrcState
    vrn: str
    scenario: str | None

    @property
    def account(self) -> VatAccount:
        return self.state.account(self.vrn)


def _admit(request: Request, scope: str) -> VatCall | Response:
    caller = authorise(request, scope)
    if isinstance(caller, Response):
        return caller
    record_fraud_headers(request, "vat-mtd")
    vrn = request.path_params["vrn"]
    if not VRN.fullmatch(vrn):
        return error(400, VRN_INVALID)
    if vrn != caller.vrn:
        return error(403, NOT_AUTHORISED)
    scenario = request.headers.get("gov-test-scenario", "").strip() or None
    return VatCall(hmrc_state(request), vrn, scenario)


def _simulated(call: VatCall, *tables: dict[str, tuple[int, tuple[str, str]]]) -> Response | None:
    """The canned error a scenario names, if it names one of these."""
    for table in (COMMON_SCENARIOS, *tables):
        if call.scenario in table:
            status, code_and_message = table[call.scenario]
            return error(status, code_and_message)
    return None


async def obligations(request: Request) -> Response:
    call = _admit(request, "read:vat")
    if isinstance(call, Response):
        return call
    query = obligation_query(request.query_params)
    if isinstance(query, tuple):
        return error(400, query)
    simulated = _simulated(call, OBLIGATION_SCENARIOS)
    if simulated is not None:
        return simulated
    if call.scenario is not None:
        found = scenario_obligations(call.scenario)
        if found is None:
            return error(400, UNKNOWN_SCENARIO)
    else:
        found = [
            item
            for item in account_obligations(call.account, date.today())
            if (query.first is None or item["end"] >= query.first.isoformat())
            and (query.last is None or item["start"] <= query.last.isoformat())
        ]
    found = [item for item in found if query.status in (None, item["status"])]
    return answer({"obligations": found}) if found else error(404, NOT_FOUND)


async def submit_return(request: Request) -> Response:
    call = _admit(request, "write:vat")
    if isinstance(call, Response):
        return call
    simulated = _simulated(call, SUBMIT_SCENARIOS)
    if simulated is not None:
        return simulated
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
    if body["finalised"] is not True:
        return error(403, NOT_FINALISED)
    if body["periodKey"] in call.account.returns:
        return error(403, DUPLICATE_SUBMISSION)
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
    call = _admit(request, "read:vat")
    if isinstance(call, Response):
        return call
    period_key = request.path_params["period_key"]
    if not PERIOD_KEY.fullmatch(period_key):
        return error(400, PERIOD_KEY_INVALID)
    simulated = _simulated(call, VIEW_SCENARIOS)
    if simulated is not None:
        return simulated
    if call.scenario is not None:
        return error(400, UNKNOWN_SCENARIO)
    stored = call.account.returns.get(period_key)
    return error(404, NOT_FOUND) if stored is None else answer(stored.boxes)


async def liabilities(request: Request) -> Response:
    return await _financial(
        request, "liabilities", SCENARIO_LIABILITIES, lambda a: a.liabilities, liability_date
    )


async def payments(request: Request) -> Response:
    return await _financial(
        request, "payments", SCENARIO_PAYMENTS, lambda a: a.payments, payment_date
    )


async def _financial(
    request: Request,
    kind: str,
    canned: dict[str, list[dict[str, Any]]],
    held: Callable[[VatAccount], list[dict[str, Any]]],
    date_of: Callable[[dict[str, Any]], str],
) -> Response:
    call = _admit(request, "read:vat")
    if isinstance(call, Response):
        return call
    dates = financial_range(request.query_params, date.today())
    if isinstance(dates, tuple):
        return error(400, dates)
    simulated = _simulated(call)
    if simulated is not None:
        return simulated
    if call.scenario is None:
        items = held(call.account)
    elif call.scenario in canned:
        items = canned[call.scenario]
    else:
        return error(400, UNKNOWN_SCENARIO)
    found = within(items, date_of, dates.first, dates.last)
    return answer({kind: found}) if found else error(404, NOT_FOUND)


ROUTES: list[BaseRoute] = [
    Route("/organisations/vat/{vrn}/obligations", obligations),
    Route("/organisations/vat/{vrn}/returns", submit_return, methods=["POST"]),
    Route("/organisations/vat/{vrn}/returns/{period_key}", view_return),
    Route("/organisations/vat/{vrn}/liabilities", liabilities),
    Route("/organisations/vat/{vrn}/payments", payments),
]
