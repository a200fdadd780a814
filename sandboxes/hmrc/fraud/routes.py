"""The Test Fraud Prevention Headers API (txm-fph-validator-api v1.0, sandbox only).

GET /test/fraud-prevention-headers/validate judges the headers of that very request;
GET /test/fraud-prevention-headers/{api}/validation-feedback lists the verdicts on recent
calls to an API (here `vat-mtd`), newest first, optionally for one connectionMethod.
Both sit behind the API platform: Accept header and any valid bearer token, application-
restricted (client credentials) ones included.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandboxes.hmrc.errors import api_error
from sandboxes.hmrc.fraud.verdict import judge
from sandboxes.hmrc.gateway import authorise
from sandboxes.hmrc.state import hmrc_state

APIS_WITH_FEEDBACK = frozenset({"vat-mtd"})
FEEDBACK_LIMIT = 20


async def validate(request: Request) -> Response:
    caller = authorise(request, scope=None)
    if isinstance(caller, Response):
        return caller
    verdict = judge({name.lower(): value for name, value in request.headers.items()})
    hmrc_state(request).count(f"fraud_validate_{verdict.code.lower()}")
    return JSONResponse(verdict.validate_json())


async def validation_feedback(request: Request) -> Response:
    caller = authorise(request, scope=None)
    if isinstance(caller, Response):
        return caller
    api = request.path_params["api"]
    if api not in APIS_WITH_FEEDBACK:
        return api_error(404, "MATCHING_RESOURCE_NOT_FOUND", f"No feedback is kept for {api}")
    method = request.query_params.get("connectionMethod")
    requests = [
        record
        for record in hmrc_state(request).fraud_feedback
        if record["api"] == api and method in (None, record["connectionMethod"])
    ]
    return JSONResponse({"requests": requests[:FEEDBACK_LIMIT]})


ROUTES: list[BaseRoute] = [
    Route("/test/fraud-prevention-headers/validate", validate),
    Route("/test/fraud-prevention-headers/{api}/validation-feedback", validation_feedback),
]
