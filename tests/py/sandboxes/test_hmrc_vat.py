"""HMRC sandbox VAT (MTD) behaviour: Accept header, obligations, submit and view returns,
box arithmetic, liabilities, payments and the Gov-Test-Scenario simulations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.hmrc.vat.periods import quarter
from sandboxes.testing import configure_sandbox, reset_sandbox, start_sandbox
from tests.py.sandboxes.hmrc_client import RETURN_BODY, VRN, HmrcClient

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
THIS_YEAR = date.today().year


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


def _codes(response: httpx.Response) -> list[str]:
    body = response.json()
    return [e["code"] for e in body["errors"]] if "errors" in body else [body["code"]]


# --- API platform ---------------------------------------------------------------------


@pytest.mark.parametrize("accept", [None, "application/json", "application/vnd.hmrc.2.0+json"])
def test_versioned_accept_header_is_required(hmrc: HmrcClient, accept: str | None) -> None:
    headers = hmrc.headers()
    headers.pop("Accept")
    if accept:
        headers["Accept"] = accept
    response = hmrc.http.get(f"/organisations/vat/{VRN}/obligations?status=O", headers=headers)
    assert response.status_code == 406
    assert response.json() == {
        "code": "ACCEPT_HEADER_INVALID",
        "message": "The accept header is missing or invalid",
    }


def test_every_answer_has_a_correlation_id(hmrc: HmrcClient) -> None:
    ok = hmrc.vat("obligations", {"from": f"{THIS_YEAR}-01-01", "to": f"{THIS_YEAR}-12-31"})
    refused = hmrc.vat("obligations", {"from": "nonsense", "to": "2017-12-31"})
    for response in (ok, refused):
        assert UUID.fullmatch(response.headers["X-CorrelationId"]), response.text


def test_malformed_vrn(hmrc: HmrcClient) -> None:
    response = hmrc.vat("obligations", {"status": "O"}, vrn="12345")
    assert response.status_code == 400
    assert response.json()["code"] == "VRN_INVALID"


# --- obligations ----------------------------------------------------------------------


def test_obligations_are_the_vrns_quarters(hmrc: HmrcClient) -> None:
    body = hmrc.vat(
        "obligations", {"from": f"{THIS_YEAR - 1}-01-01", "to": f"{THIS_YEAR - 1}-12-31"}
    ).json()
    expected = [quarter(THIS_YEAR - 1, q) for q in range(1, 5)]
    assert [o["periodKey"] for o in body["obligations"]] == [p.key for p in expected]
    first = body["obligations"][0]
    assert first["start"] == f"{THIS_YEAR - 1}-01-01"
    assert first["end"] == f"{THIS_YEAR - 1}-03-31"
    assert first["due"] == f"{THIS_YEAR - 1}-05-07"
    assert {o["status"] for o in body["obligations"]} == {"O"}


def test_a_submitted_return_fulfils_its_obligation(hmrc: HmrcClient) -> None:
    period = quarter(THIS_YEAR - 1, 2)
    assert hmrc.submit(_body(periodKey=period.key)).status_code == 201
    fulfilled = hmrc.vat(
        "obligations",
        {"from": f"{THIS_YEAR - 1}-01-01", "to": f"{THIS_YEAR - 1}-12-31", "status": "F"},
    )
    assert [o["periodKey"] for o in fulfilled.json()["obligations"]] == [period.key]
    assert fulfilled.json()["obligations"][0]["received"] == date.today().isoformat()
    open_only = hmrc.vat("obligations", {"status": "O"}).json()["obligations"]
    assert period.key not in {o["periodKey"] for o in open_only}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "INVALID_DATE_FROM"),
        ({"from": "2017-13-01", "to": "2017-12-31"}, "INVALID_DATE_FROM"),
        ({"from": "2017-01-01"}, "INVALID_DATE_TO"),
        ({"from": "2017-01-01", "to": "2017-02-30"}, "INVALID_DATE_TO"),
        ({"from": "2017-01-01", "to": "2018-06-01"}, "INVALID_DATE_RANGE"),
        ({"from": "2017-06-01", "to": "2017-01-01"}, "INVALID_DATE_RANGE"),
        ({"status": "X"}, "INVALID_STATUS"),
        ({"status": "F"}, "MISSING_DATE_RANGE"),
    ],
)
def test_obligation_parameters_are_checked(
    hmrc: HmrcClient, params: dict[str, str], code: str
) -> None:
    response = hmrc.vat("obligations", params)
    assert response.status_code == 400
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    ("scenario", "statuses"),
    [
        ("QUARTERLY_NONE_MET", "OOOO"),
        ("QUARTERLY_ONE_MET", "FOOO"),
        ("QUARTERLY_FOUR_MET", "FFFF"),
        ("MONTHLY_TWO_MET", "FFO"),
        ("MONTHLY_OBS_03_OPEN", "FFO"),
        ("MONTHLY_OBS_12_FULFILLED", "F" * 12),
        ("QUARTERLY_OBS_02_OPEN", "FO"),
        ("QUARTERLY_OBS_04_FULFILLED", "FFFF"),
        ("MULTIPLE_OPEN_MONTHLY", "FFOO"),
        ("MULTIPLE_OPEN_QUARTERLY", "FOO"),
        ("OBS_SPANS_MULTIPLE_YEARS", "O"),
    ],
)
def test_obligation_scenarios(hmrc: HmrcClient, scenario: str, statuses: str) -> None:
    params = {"from": "2017-01-01", "to": "2017-12-31"}
    response = hmrc.vat("obligations", params, scenario=scenario)
    assert "".join(o["status"] for o in response.json()["obligations"]) == statuses


def test_quarterly_one_met_is_hmrcs_documented_example(hmrc: HmrcClient) -> None:
    params = {"from": "2017-01-01", "to": "2017-12-31"}
    first, second = hmrc.vat("obligations", params, scenario="QUARTERLY_ONE_MET").json()[
        "obligations"
    ][:2]
    assert first == {
        "start": "2017-01-01",
        "end": "2017-03-31",
        "due": "2017-05-07",
        "status": "F",
        "periodKey": "18A1",
        "received": "2017-05-06",
    }
    assert (second["periodKey"], second["status"]) == ("18A2", "O")


@pytest.mark.parametrize(
    ("scenario", "status", "code"),
    [
        ("NOT_FOUND", 404, "NOT_FOUND"),
        ("INSOLVENT_TRADER", 403, "RULE_INSOLVENT_TRADER"),
        ("NO_SUCH_SCENARIO", 400, "RULE_INCORRECT_GOV_TEST_SCENARIO"),
    ],
)
def test_obligation_error_scenarios(
    hmrc: HmrcClient, scenario: str, status: int, code: str
) -> None:
    response = hmrc.vat("obligations", {"status": "O"}, scenario=scenario)
    assert (response.status_code, response.json()["code"]) == (status, code)


# --- submit and view returns ----------------------------------------------------------


def test_submit_return_answers_201_with_receipt(hmrc: HmrcClient) -> None:
    response = hmrc.submit()
    assert response.status_code == 201
    assert UUID.fullmatch(response.headers["Receipt-ID"])
    assert UUID.fullmatch(response.headers["X-CorrelationId"])
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", response.headers["Receipt-Timestamp"]
    )
    body = response.json()
    assert re.fullmatch(r"\d{12}", body["formBundleNumber"])
    assert body["processingDate"] == response.headers["Receipt-Timestamp"]
    assert body["paymentIndicator"] == "BANK"  # 5.05 due, 105.15 reclaimed: a repayment
    assert "chargeRefNumber" not in body


def test_a_return_with_vat_to_pay_gets_a_charge_reference_and_a_liability(
    hmrc: HmrcClient,
) -> None:
    to_pay = _body(periodKey="18A2", vatReclaimedCurrPeriod=1.05, netVatDue=4.0, totalVatDue=5.05)
    body = hmrc.submit(to_pay).json()
    assert body["paymentIndicator"] == "DD"
    assert 1 <= len(body["chargeRefNumber"]) <= 16
    liabilities = hmrc.vat("liabilities", {"from": "2017-01-01", "to": "2017-12-31"}).json()
    assert liabilities["liabilities"] == [
        {
            "type": "VAT Return Debit Charge",
            "originalAmount": 4,
            "outstandingAmount": 4,
            "due": "2017-08-07",
            "taxPeriod": {"from": "2017-04-01", "to": "2017-06-30"},
        }
    ]


def test_second_submission_for_a_period_is_a_duplicate(hmrc: HmrcClient) -> None:
    assert hmrc.submit().status_code == 201
    again = hmrc.submit()
    assert again.status_code == 403
    assert again.json()["code"] == "DUPLICATE_SUBMISSION"


def test_duplicate_nested_under_business_error_as_the_service_sends_it(
    hmrc: HmrcClient, sandbox: RunningSandbox
) -> None:
    configure_sandbox(sandbox, business_error_envelope=True)
    assert hmrc.submit().status_code == 201
    again = hmrc.submit()
    assert again.status_code == 403
    body = again.json()
    assert body["code"] == "BUSINESS_ERROR"
    assert [e["code"] for e in body["errors"]] == ["DUPLICATE_SUBMISSION"]


def test_view_return_gives_back_the_submission(hmrc: HmrcClient) -> None:
    hmrc.submit(_body(periodKey="#001", vatDueSales=100, vatDueAcquisitions=100, totalVatDue=200,
                      vatReclaimedCurrPeriod=100, netVatDue=100))  # fmt: skip
    response = hmrc.vat("returns/%23001")
    assert response.status_code == 200
    assert response.json() == {
        "periodKey": "#001",
        "vatDueSales": 100,
        "vatDueAcquisitions": 100,
        "totalVatDue": 200,
        "vatReclaimedCurrPeriod": 100,
        "netVatDue": 100,
        "totalValueSalesExVAT": 300,
        "totalValuePurchasesExVAT": 300,
        "totalValueGoodsSuppliedExVAT": 3000,
        "totalAcquisitionsExVAT": 3000,
    }


def test_view_return_keeps_the_pence(hmrc: HmrcClient) -> None:
    hmrc.submit()
    assert hmrc.vat("returns/18A1").json()["vatDueAcquisitions"] == -100.45


def test_view_unknown_or_malformed_period(hmrc: HmrcClient) -> None:
    missing = hmrc.vat("returns/17A4")
    assert (missing.status_code, missing.json()["code"]) == (404, "NOT_FOUND")
    malformed = hmrc.vat("returns/abc")
    assert (malformed.status_code, malformed.json()["code"]) == (400, "PERIOD_KEY_INVALID")


@pytest.mark.parametrize(
    ("scenario", "status", "code"),
    [
        ("DATE_RANGE_TOO_LARGE", 403, "DATE_RANGE_TOO_LARGE"),
        ("INSOLVENT_TRADER", 403, "RULE_INSOLVENT_TRADER"),
    ],
)
def test_view_return_scenarios(hmrc: HmrcClient, scenario: str, status: int, code: str) -> None:
    response = hmrc.vat("returns/18A1", scenario=scenario)
    assert (response.status_code, response.json()["code"]) == (status, code)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"vatDueSales": 106.5}, "VAT_TOTAL_VALUE"),
        ({"netVatDue": 99.1}, "VAT_NET_VALUE"),
        ({"vatDueSales": 105.555}, "INVALID_MONETARY_AMOUNT"),
        ({"netVatDue": -100.1}, "INVALID_MONETARY_AMOUNT"),
        ({"totalValueSalesExVAT": 300.5}, "INVALID_MONETARY_AMOUNT"),
        ({"totalAcquisitionsExVAT": 10**13}, "INVALID_MONETARY_AMOUNT"),
        ({"vatDueSales": "105.50"}, "INVALID_NUMERIC_VALUE"),
        ({"periodKey": "18a1"}, "PERIOD_KEY_INVALID"),
        ({"periodKey": 1801}, "INVALID_STRING_VALUE"),
    ],
)
def test_submission_errors(hmrc: HmrcClient, changes: dict[str, Any], code: str) -> None:
    response = hmrc.submit(_body(**changes))
    assert response.status_code == 400
    assert _codes(response) == [code]
    assert response.json()["path"].startswith("/")


def test_several_errors_come_as_invalid_request(hmrc: HmrcClient) -> None:
    body = _body(vatDueSales=1.001)
    del body["netVatDue"]
    response = hmrc.submit(body)
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_REQUEST"
    assert sorted(_codes(response)) == ["INVALID_MONETARY_AMOUNT", "MANDATORY_FIELD_MISSING"]


def test_both_box_rules_at_once(hmrc: HmrcClient) -> None:
    response = hmrc.submit(_body(totalVatDue=6.05))  # box 3 and so box 5 are off
    assert sorted(_codes(response)) == ["VAT_NET_VALUE", "VAT_TOTAL_VALUE"]


def test_not_finalised_is_refused(hmrc: HmrcClient) -> None:
    response = hmrc.submit(_body(finalised=False))
    assert (response.status_code, response.json()["code"]) == (403, "NOT_FINALISED")


def test_period_that_has_not_ended(hmrc: HmrcClient) -> None:
    current = quarter(THIS_YEAR, (date.today().month - 1) // 3 + 1)
    response = hmrc.submit(_body(periodKey=current.key))
    assert (response.status_code, response.json()["code"]) == (403, "TAX_PERIOD_NOT_ENDED")


def test_body_that_is_not_json(hmrc: HmrcClient) -> None:
    response = hmrc.http.post(
        f"/organisations/vat/{VRN}/returns", content=b"{nope", headers=hmrc.headers()
    )
    assert (response.status_code, response.json()["code"]) == (400, "INVALID_REQUEST")


@pytest.mark.parametrize(
    ("scenario", "status", "code"),
    [
        ("INVALID_VRN", 400, "VRN_INVALID"),
        ("INVALID_PERIODKEY", 400, "PERIOD_KEY_INVALID"),
        ("INVALID_PAYLOAD", 400, "INVALID_REQUEST"),
        ("DUPLICATE_SUBMISSION", 403, "DUPLICATE_SUBMISSION"),
        ("TAX_PERIOD_NOT_ENDED", 403, "TAX_PERIOD_NOT_ENDED"),
        ("INSOLVENT_TRADER", 403, "RULE_INSOLVENT_TRADER"),
    ],
)
def test_submit_scenarios(hmrc: HmrcClient, scenario: str, status: int, code: str) -> None:
    response = hmrc.submit(scenario=scenario)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert hmrc.vat("returns/18A1").status_code == 404  # nothing was stored


# --- liabilities and payments ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["liabilities", "payments"])
def test_nothing_held_is_not_found(hmrc: HmrcClient, kind: str) -> None:
    response = hmrc.vat(kind, {"from": "2017-01-01", "to": "2017-12-31"})
    assert (response.status_code, response.json()["code"]) == (404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("kind", "scenario", "dates", "count"),
    [
        ("liabilities", "SINGLE_LIABILITY", ("2017-01-02", "2017-02-02"), 1),
        ("liabilities", "MULTIPLE_LIABILITIES", ("2017-04-05", "2017-12-21"), 3),
        ("liabilities", "SINGLE_LIABILITY_2018_19", ("2018-01-02", "2018-02-02"), 1),
        ("liabilities", "MULTIPLE_LIABILITIES_2018_19", ("2018-04-05", "2018-12-21"), 3),
        ("payments", "SINGLE_PAYMENT", ("2017-01-02", "2017-02-02"), 1),
        ("payments", "MULTIPLE_PAYMENTS", ("2017-02-27", "2017-12-21"), 3),
        ("payments", "SINGLE_PAYMENT_2018_19", ("2018-01-02", "2018-02-02"), 1),
        ("payments", "MULTIPLE_PAYMENTS_2018_19", ("2018-02-27", "2018-12-21"), 3),
    ],
)
def test_financial_scenarios_within_their_documented_dates(
    hmrc: HmrcClient, kind: str, scenario: str, dates: tuple[str, str], count: int
) -> None:
    params = {"from": dates[0], "to": dates[1]}
    assert len(hmrc.vat(kind, params, scenario=scenario).json()[kind]) == count


def test_financial_scenario_outside_its_dates_is_not_found(hmrc: HmrcClient) -> None:
    params = {"from": "2018-03-01", "to": "2018-03-31"}
    assert hmrc.vat("payments", params, scenario="SINGLE_PAYMENT").status_code == 404


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"to": "2017-12-31"}, "DATE_FROM_INVALID"),
        ({"from": "2015-01-01", "to": "2015-12-31"}, "DATE_FROM_INVALID"),
        ({"from": "2017-01-01"}, "DATE_TO_INVALID"),
        ({"from": "2017-01-01", "to": f"{THIS_YEAR + 1}-01-01"}, "DATE_TO_INVALID"),
        ({"from": "2017-01-01", "to": "2018-01-31"}, "DATE_RANGE_INVALID"),
    ],
)
@pytest.mark.parametrize("kind", ["liabilities", "payments"])
def test_financial_date_checks(
    hmrc: HmrcClient, kind: str, params: dict[str, str], code: str
) -> None:
    response = hmrc.vat(kind, params)
    assert (response.status_code, response.json()["code"]) == (400, code)


def test_insolvent_trader_payments(hmrc: HmrcClient) -> None:
    params = {"from": "2017-01-01", "to": "2017-12-31"}
    response = hmrc.vat("payments", params, scenario="INSOLVENT_TRADER")
    assert (response.status_code, response.json()["code"]) == (403, "RULE_INSOLVENT_TRADER")
