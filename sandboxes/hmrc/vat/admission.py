"""What every VAT endpoint does first: pass the API platform (Accept header, token, scope),
have the call's fraud-prevention headers judged and recorded, then check the VRN: its format
(400 VRN_INVALID), then that the token's grant is for it (403 CLIENT_OR_AGENT_NOT_AUTHORISED).
It also reads Gov-Test-Scenario, whose values (the OAS test-data tables) simulate HMRC's
canned answers."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from sandboxes.hmrc.gateway import authorise, record_fraud_headers
from sandboxes.hmrc.state import HmrcState, VatAccount, hmrc_state
from sandboxes.hmrc.vat.answers import INSOLVENT_TRADER, NOT_AUTHORISED, VRN_INVALID, error
from sandboxes.hmrc.vat.validation import VRN

# status and (code, message) per Gov-Test-Scenario value
Scenarios = dict[str, tuple[int, tuple[str, str]]]
# Every VAT endpoint simulates an insolvent trader; each adds its own scenarios.
COMMON_SCENARIOS: Scenarios = {"INSOLVENT_TRADER": (403, INSOLVENT_TRADER)}


@dataclass(frozen=True)
class VatCall:
    state: HmrcState
    vrn: str
    scenario: str | None

    @property
    def account(self) -> VatAccount:
        return self.state.account(self.vrn)


def admit(request: Request, scope: str) -> VatCall | Response:
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


def simulated(call: VatCall, *tables: Scenarios) -> Response | None:
    """The canned error a scenario names, if it names one of these."""
    for table in (COMMON_SCENARIOS, *tables):
        if call.scenario in table:
            status, code_and_message = table[call.scenario]
            return error(status, code_and_message)
    return None
