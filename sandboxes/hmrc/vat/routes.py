"""The VAT (MTD) reads under /organisations/vat/{vrn}: obligations, liabilities, payments
(returns are in returns.py), and the table of every VAT route.

Without a Gov-Test-Scenario the sandbox answers from what it holds for the VRN; with one,
HMRC's canned data for it. An empty answer is 404 NOT_FOUND, as at HMRC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sandboxes.hmrc.state import VatAccount
from sandboxes.hmrc.vat.admission import Scenarios, admit, simulated
from sandboxes.hmrc.vat.answers import NOT_FOUND, UNKNOWN_SCENARIO, answer, error
from sandboxes.hmrc.vat.date_params import financial_range, obligation_query
from sandboxes.hmrc.vat.financial import (
    SCENARIO_LIABILITIES,
    SCENARIO_PAYMENTS,
    liability_date,
    payment_date,
    within,
)
from sandboxes.hmrc.vat.obligations import account_obligations, scenario_obligations
from sandboxes.hmrc.vat.returns import submit_return, view_return

OBLIGATION_SCENARIOS: Scenarios = {"NOT_FOUND": (404, NOT_FOUND)}


async def obligations(request: Request) -> Response:
    call = admit(request, "read:vat")
    if isinstance(call, Response):
        return call
    query = obligation_query(request.query_params)
    if isinstance(query, tuple):
        return error(400, query)
    canned_error = simulated(call, OBLIGATION_SCENARIOS)
    if canned_error is not None:
        return canned_error
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
    call = admit(request, "read:vat")
    if isinstance(call, Response):
        return call
    dates = financial_range(request.query_params, date.today())
    if isinstance(dates, tuple):
        return error(400, dates)
    canned_error = simulated(call)
    if canned_error is not None:
        return canned_error
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
