"""Contract: the HMRC sandbox's VAT requests and responses against HMRC's published OpenAPI
file (specs/hmrc-vat/vat-api-oas/application.yaml) as it is, with openapi-core.

The file fails OpenAPI's own meta-schema (its oauth2 `scopes` are YAML sets, so their values
are null rather than strings), so it is loaded without meta-validation; everything used for
checking requests and responses is read from it unchanged. Requests are presented as sent
to HMRC's sandbox host, the server the file declares.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

import httpx
import pytest
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.exceptions import RequestValidationError

from sandboxes.common.server import RunningSandbox
from sandboxes.common.specs import SPECS_DIR
from sandboxes.hmrc.vat.periods import quarter
from sandboxes.testing import reset_sandbox, start_sandbox
from tests.py.sandboxes.hmrc_client import RETURN_BODY, VRN, HmrcClient

SPEC = SPECS_DIR / "hmrc-vat" / "vat-api-oas" / "application.yaml"
HMRC_SANDBOX = "https://test-api.service.hmrc.gov.uk"
YEAR = "2017"
# openapi-core does not check oauth2 security schemes (it warns and moves on); the OAuth
# tests cover tokens and scopes.
pytestmark = pytest.mark.filterwarnings("ignore:Unsupported scheme type:UserWarning")


@cache
def openapi() -> OpenAPI:
    spec = yaml.safe_load(SPEC.read_text())
    return OpenAPI.from_dict(spec, config=Config(spec_validator_cls=None))


def _as_sent_to_hmrc(response: httpx.Response) -> MockRequest:
    sent = response.request
    return MockRequest(
        HMRC_SANDBOX,
        sent.method.lower(),
        sent.url.raw_path.decode().split("?")[0],
        args=dict(sent.url.params),
        headers=dict(sent.headers),
        data=sent.content or None,
        content_type=sent.headers.get("content-type", "application/json"),
    )


def _as_received(response: httpx.Response) -> MockResponse:
    return MockResponse(
        response.content,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=response.headers.get("content-type", "application/json"),
    )


def assert_request_matches_spec(response: httpx.Response) -> None:
    openapi().validate_request(_as_sent_to_hmrc(response))


def assert_response_matches_spec(response: httpx.Response) -> None:
    openapi().validate_response(_as_sent_to_hmrc(response), _as_received(response))


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("hmrc", limits_enabled=False) as running:
        yield running


@pytest.fixture
def hmrc(sandbox: RunningSandbox) -> HmrcClient:
    reset_sandbox(sandbox)
    return HmrcClient(sandbox).sign_in()


def _body(**changes: Any) -> dict[str, Any]:
    return {**RETURN_BODY, **changes}


YEAR_RANGE = {"from": f"{YEAR}-01-01", "to": f"{YEAR}-12-31"}

# (path under /organisations/vat/{vrn}/, query, Gov-Test-Scenario, expected status)
READS = [
    ("obligations", YEAR_RANGE, "QUARTERLY_ONE_MET", 200),
    ("obligations", YEAR_RANGE, "MONTHLY_OBS_06_OPEN", 200),
    ("obligations", YEAR_RANGE, "OBS_SPANS_MULTIPLE_YEARS", 200),
    ("obligations", {"status": "O"}, None, 200),
    ("obligations", YEAR_RANGE, "NOT_FOUND", 404),
    ("obligations", YEAR_RANGE, "INSOLVENT_TRADER", 403),
    ("obligations", {"from": "2017-01-01", "to": "bad"}, None, 400),
    ("obligations", {"from": "2017-01-01", "to": "2019-01-01"}, None, 400),
    ("obligations", {"status": "Z"}, None, 400),
    ("liabilities", {"from": "2017-04-05", "to": "2017-12-21"}, "MULTIPLE_LIABILITIES", 200),
    ("liabilities", {"from": "2018-01-02", "to": "2018-02-02"}, "SINGLE_LIABILITY_2018_19", 200),
    ("liabilities", YEAR_RANGE, None, 404),
    ("liabilities", {"from": "2017-01-01", "to": "2019-01-01"}, None, 400),
    ("liabilities", YEAR_RANGE, "INSOLVENT_TRADER", 403),
    ("payments", {"from": "2017-02-27", "to": "2017-12-21"}, "MULTIPLE_PAYMENTS", 200),
    ("payments", {"from": "2018-01-02", "to": "2018-02-02"}, "SINGLE_PAYMENT_2018_19", 200),
    ("payments", YEAR_RANGE, None, 404),
    ("payments", {"from": "2010-01-01", "to": "2010-12-31"}, None, 400),
    ("returns/18A4", {}, None, 404),
    ("returns/18a4", {}, None, 400),
    ("returns/18A4", {}, "DATE_RANGE_TOO_LARGE", 403),
]


@pytest.mark.parametrize(("path", "query", "scenario", "status"), READS)
def test_reads_match_the_spec(
    hmrc: HmrcClient, path: str, query: dict[str, str], scenario: str | None, status: int
) -> None:
    response = hmrc.vat(path, query, scenario=scenario)
    assert response.status_code == status, response.text
    assert_request_matches_spec(response)
    assert_response_matches_spec(response)


SUBMISSIONS = [
    (_body(), None, 201),
    (_body(periodKey="#001"), None, 201),
    (_body(periodKey="18A2", vatReclaimedCurrPeriod=1.05, netVatDue=4.0), None, 201),
    (_body(vatDueSales=106.5), None, 400),
    (_body(netVatDue=1.0), None, 400),
    (_body(finalised=False), None, 403),
    (_body(), "INSOLVENT_TRADER", 403),
    (_body(), "TAX_PERIOD_NOT_ENDED", 403),
    (_body(), "INVALID_VRN", 400),
]


@pytest.mark.parametrize(("body", "scenario", "status"), SUBMISSIONS)
def test_submissions_match_the_spec(
    hmrc: HmrcClient, body: dict[str, Any], scenario: str | None, status: int
) -> None:
    response = hmrc.submit(body, scenario=scenario)
    assert response.status_code == status, response.text
    assert_request_matches_spec(response)
    assert_response_matches_spec(response)


def test_duplicate_and_view_match_the_spec(hmrc: HmrcClient) -> None:
    hmrc.submit()
    duplicate = hmrc.submit()
    assert duplicate.status_code == 403
    assert_response_matches_spec(duplicate)
    view = hmrc.vat("returns/18A1")
    assert view.status_code == 200
    assert_request_matches_spec(view)
    assert_response_matches_spec(view)


def test_stateful_answers_match_the_spec(hmrc: HmrcClient) -> None:
    last_year = date.today().year - 1
    period = quarter(last_year, 2)
    hmrc.submit(_body(periodKey=period.key, vatReclaimedCurrPeriod=1.05, netVatDue=4.0))
    dates = {"from": f"{last_year}-01-01", "to": f"{last_year}-12-31"}
    for path in ("obligations", "liabilities", f"returns/{period.key}"):
        response = hmrc.vat(path, dates if "/" not in path else {})
        assert response.status_code == 200, response.text
        assert_response_matches_spec(response)


@pytest.mark.parametrize(
    "body",
    [
        _body(periodKey="18A11"),
        _body(netVatDue=-1),
        _body(vatDueSales="105.50"),
        {k: v for k, v in RETURN_BODY.items() if k != "finalised"},
    ],
    ids=["five-character period key", "negative box 5", "amount as text", "no finalised"],
)
def test_requests_the_spec_rejects_are_rejected(hmrc: HmrcClient, body: dict[str, Any]) -> None:
    response = hmrc.submit(body)
    with pytest.raises(RequestValidationError):
        assert_request_matches_spec(response)
    assert response.status_code == 400
    assert_response_matches_spec(response)


def test_vrn_in_the_spec_is_nine_digits(hmrc: HmrcClient) -> None:
    response = hmrc.vat("obligations", {"status": "O"}, vrn="12345678")
    assert response.status_code == 400
    assert_response_matches_spec(response)
    assert VRN.isdigit() and len(VRN) == 9
