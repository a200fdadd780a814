"""The Apprenticeship Levy API's routes (scope read:apprenticeship-levy, a user-restricted
token whose grant covers the scheme):

  GET /apprenticeship-levy/                         the grant's employer references (HAL)
  GET /apprenticeship-levy/epaye/{empref}           the employer's details and links
  GET …/epaye/{empref}/declarations?fromDate&toDate levy declarations (by submission time)
  GET …/epaye/{empref}/fractions?fromDate&toDate    English fraction calculations
  GET …/epaye/{empref}/employed/{nino}?fromDate&toDate  was the person employed then

The employer reference is one URL-encoded path segment (123%2FAB12345), so the segment is
read from the raw path. Errors are HMRC's: 400 EMPREF_INVALID / DATE_INVALID /
NINO_INVALID, 403 AUTH_ERROR_FORBIDDEN for a scheme the grant does not cover, 404
MATCHING_RESOURCE_NOT_FOUND for an unknown sub-resource. Dates default to the last six
years (fromDate) and today (toDate), as HMRC documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote, unquote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sandboxes.hmrc.errors import api_error
from sandboxes.hmrc.gateway import Caller, authorise
from sandboxes.hmrc.jsonable import AmountsJSONResponse
from sandboxes.hmrc.levy.schemes import LevyScheme
from sandboxes.hmrc.state import hmrc_state

SCOPE = "read:apprenticeship-levy"
SCHEMES = "/apprenticeship-levy/epaye/"
EMPREF = re.compile(r"\d{3}/[A-Za-z0-9]{1,10}")
NINO = re.compile(r"[A-CEGHJ-PR-TW-Z]{2}\d{6}[A-D]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEFAULT_YEARS = 6


def _answer(body: Any) -> Response:
    return AmountsJSONResponse(body)


def _date_invalid() -> Response:
    return api_error(400, "DATE_INVALID", "The date(s) in the request are not valid")


def _read_date(raw: str | None) -> date | None:
    if raw is None or not ISO_DATE.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _dates(request: Request, required: bool) -> tuple[date, date] | Response:
    today = date.today()
    defaults = {"fromDate": date(today.year - DEFAULT_YEARS, today.month, 1), "toDate": today}
    read: dict[str, date] = {}
    for name, default in defaults.items():
        raw = request.query_params.get(name)
        value = default if raw is None and not required else _read_date(raw)
        if value is None:
            return _date_invalid()
        read[name] = value
    if read["fromDate"] > read["toDate"]:
        return _date_invalid()
    return read["fromDate"], read["toDate"]


def _within(
    items: list[dict[str, Any]], day_of: Callable[[dict[str, Any]], str], dates: tuple[date, date]
) -> list[dict[str, Any]]:
    first, last = dates
    return [i for i in items if first.isoformat() <= day_of(i)[:10] <= last.isoformat()]


def _links(empref: str) -> dict[str, Any]:
    base = f"/epaye/{quote(empref, safe='')}"
    return {
        "self": {"href": base},
        "declarations": {"href": f"{base}/declarations"},
        "fractions": {"href": f"{base}/fractions"},
        "employment-check": {"href": f"{base}/employed/{{nino}}"},
    }


async def all_employers(request: Request) -> Response:
    caller = authorise(request, SCOPE)
    if isinstance(caller, Response):
        return caller
    emprefs = sorted(caller.emprefs)
    links: dict[str, Any] = {"self": {"href": "/"}}
    links |= {e: {"href": f"/epaye/{quote(e, safe='')}"} for e in emprefs}
    return _answer({"_links": links, "emprefs": emprefs})


def _scheme_of(request: Request, caller: Caller) -> tuple[LevyScheme, str] | Response:
    raw = request.scope.get("raw_path") or request.url.path.encode()
    segment, _, resource = raw.decode("latin-1").split(SCHEMES, 1)[1].partition("/")
    empref = unquote(segment).upper()
    if not EMPREF.fullmatch(empref):
        return api_error(400, "EMPREF_INVALID", "The provided EMPREF is invalid")
    if empref not in caller.emprefs:
        return api_error(
            403,
            "AUTH_ERROR_FORBIDDEN",
            "The request requires user authentication. Please ensure Grant authority has "
            "been given and bearer token is supplied with the request headers.",
        )
    return hmrc_state(request).levy_scheme(empref), resource


async def scheme_resource(request: Request) -> Response:
    caller = authorise(request, SCOPE)
    if isinstance(caller, Response):
        return caller
    found = _scheme_of(request, caller)
    if isinstance(found, Response):
        return found
    scheme, resource = found
    if resource == "":
        return _answer(
            {
                "_links": _links(scheme.empref),
                "empref": scheme.empref,
                "employer": {"name": {"nameLine1": scheme.employer_name}},
            }
        )
    if resource in ("declarations", "fractions"):
        dates = _dates(request, required=False)
        if isinstance(dates, Response):
            return dates
        if resource == "declarations":
            found_items = _within(scheme.declarations, lambda d: d["submissionTime"], dates)
            return _answer({"empref": scheme.empref, "declarations": found_items})
        calculations = _within(scheme.fraction_calculations, lambda c: c["calculatedAt"], dates)
        return _answer({"empref": scheme.empref, "fractionCalculations": calculations})
    if resource.startswith("employed/"):
        return _employment_check(request, scheme, unquote(resource.removeprefix("employed/")))
    return api_error(
        404,
        "MATCHING_RESOURCE_NOT_FOUND",
        "A resource with the name in the request can not be found in the API",
    )


def _employment_check(request: Request, scheme: LevyScheme, nino: str) -> Response:
    if not NINO.fullmatch(nino):
        return api_error(400, "NINO_INVALID", "The provided NINO is invalid")
    dates = _dates(request, required=True)
    if isinstance(dates, Response):
        return dates
    first, last = dates
    return _answer(
        {
            "empref": scheme.empref,
            "nino": nino,
            "fromDate": first.isoformat(),
            "toDate": last.isoformat(),
            "employed": nino in scheme.employees,
        }
    )


ROUTES: list[BaseRoute] = [
    Route("/apprenticeship-levy/", all_employers, methods=["GET"]),
    Route(SCHEMES + "{rest:path}", scheme_resource, methods=["GET"]),
]
