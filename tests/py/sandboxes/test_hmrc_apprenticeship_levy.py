"""HMRC sandbox Apprenticeship Levy API 1.0: the scope and the grant's PAYE schemes, the
URL-encoded employer reference, seeded declarations (HMRC's id scheme, newest first, date
range), fractions, employer details, the employment check, HMRC's error codes, and the
platform's rate limit and injected faults on these paths."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.hmrc.levy.schemes import tax_year_start
from sandboxes.testing import configure_sandbox, reset_sandbox, start_sandbox
from tests.py.sandboxes.hmrc_client import (
    ACCEPT,
    EMPREF,
    LEVY_SCOPE,
    HmrcClient,
    authorize_params,
)

TYPES = {0: "no payment", 2: "levy"}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("hmrc", limits_enabled=False) as running:
        yield running


@pytest.fixture
def employer(sandbox: RunningSandbox) -> HmrcClient:
    reset_sandbox(sandbox)
    return HmrcClient(sandbox).sign_in(scope=LEVY_SCOPE)


def _declarations(employer: HmrcClient, **params: str) -> list[dict[str, Any]]:
    response = employer.levy("/declarations", params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["empref"] == EMPREF
    found: list[dict[str, Any]] = body["declarations"]
    return found


def test_declarations_follow_hmrcs_shape_newest_first(employer: HmrcClient) -> None:
    found = _declarations(employer)
    today = date.today()
    assert len(found) >= 12  # the whole previous tax year at least
    times = [d["submissionTime"] for d in found]
    assert times == sorted(times, reverse=True) and times[0][:10] <= today.isoformat()
    for d in found:
        assert d["id"] // 10 == d["submissionId"] and d["id"] % 10 in TYPES
        if d["id"] % 10 == 2:
            month = d["payrollPeriod"]["month"]
            assert d["levyDueYTD"] == 250 * month and d["levyAllowanceForFullYear"] == 15000
        else:
            assert d["noPaymentForPeriod"] is True and "levyDueYTD" not in d
    previous = tax_year_start(today) - 1
    assert f"{previous % 100:02d}-{(previous + 1) % 100:02d}" in {
        d["payrollPeriod"]["year"] for d in found
    }
    assert sum(1 for d in found if d["id"] % 10 == 0) == 1


def test_declarations_date_range_filters_by_submission_time(employer: HmrcClient) -> None:
    every = _declarations(employer)
    day = every[-1]["submissionTime"][:10]
    only = _declarations(employer, fromDate=day, toDate=day)
    assert [d["id"] for d in only] == [every[-1]["id"]]
    later = (date.today() + timedelta(days=1)).isoformat()
    assert _declarations(employer, fromDate=later, toDate=later) == []


@pytest.mark.parametrize(
    "params",
    [
        {"fromDate": "2026-13-01"},
        {"toDate": "yesterday"},
        {"fromDate": "2026-02-01", "toDate": "2026-01-01"},
    ],
)
def test_bad_dates_are_date_invalid(employer: HmrcClient, params: dict[str, str]) -> None:
    response = employer.levy("/declarations", params)
    assert (response.status_code, response.json()["code"]) == (400, "DATE_INVALID")


def test_fractions_and_employer_details(employer: HmrcClient) -> None:
    fractions = employer.levy("/fractions").json()
    assert fractions["empref"] == EMPREF
    calculations = fractions["fractionCalculations"]
    assert [c["fractions"] for c in calculations] == [
        [{"region": "England", "value": 0.83}],
        [{"region": "England", "value": 0.78}],
    ]
    assert calculations[0]["calculatedAt"] > calculations[1]["calculatedAt"]
    details = employer.levy().json()
    assert details["empref"] == EMPREF and details["employer"]["name"]["nameLine1"]
    assert details["_links"]["declarations"]["href"] == "/epaye/123%2FAB12345/declarations"
    everything = employer.http.get("/apprenticeship-levy/", headers=employer.levy().request.headers)
    assert everything.json()["emprefs"] == [EMPREF]


def test_employment_check(employer: HmrcClient) -> None:
    dates = {"fromDate": "2026-01-01", "toDate": "2026-02-01"}
    assert employer.levy("/employed/AA123456A", dates).json()["employed"] is True
    assert employer.levy("/employed/AA999999A", dates).json()["employed"] is False
    bad = employer.levy("/employed/12345", dates)
    assert (bad.status_code, bad.json()["code"]) == (400, "NINO_INVALID")
    undated = employer.levy("/employed/AA123456A")
    assert (undated.status_code, undated.json()["code"]) == (400, "DATE_INVALID")


def test_scope_scheme_and_reference_are_checked(sandbox: RunningSandbox) -> None:
    reset_sandbox(sandbox)
    vat_only = HmrcClient(sandbox).sign_in()  # read:vat write:vat
    refused = vat_only.levy("/declarations")
    assert (refused.status_code, refused.json()["code"]) == (401, "INVALID_SCOPE")
    employer = HmrcClient(sandbox).sign_in(scope=LEVY_SCOPE)
    other = employer.levy("/declarations", empref="840/FZ00065")
    assert (other.status_code, other.json()["code"]) == (403, "AUTH_ERROR_FORBIDDEN")
    unencoded = employer.http.get(
        f"/apprenticeship-levy/epaye/{EMPREF}/declarations",
        headers=employer.levy().request.headers,
    )
    assert (unencoded.status_code, unencoded.json()["code"]) == (400, "EMPREF_INVALID")
    assert employer.levy(empref="12/AB").json()["code"] == "EMPREF_INVALID"
    unknown = employer.levy("/payments")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "MATCHING_RESOURCE_NOT_FOUND")
    no_token = employer.http.get("/apprenticeship-levy/", headers={"Accept": ACCEPT})
    assert (no_token.status_code, no_token.json()["code"]) == (401, "MISSING_CREDENTIALS")


def test_consent_takes_the_schemes_employer_reference(sandbox: RunningSandbox) -> None:
    reset_sandbox(sandbox)
    client = HmrcClient(sandbox)
    assert (
        "Apprenticeship Levy"
        in client.http.get("/oauth/authorize", params=authorize_params(scope=LEVY_SCOPE)).text
    )
    bad = client.consent(empref="AB12345", scope=LEVY_SCOPE)
    assert bad.status_code == 400 and "123/AB12345" in bad.text
    code = client.consent(empref="840/fz00065", scope=LEVY_SCOPE)
    assert code.status_code == 303


def test_rate_limit_and_faults_apply(sandbox: RunningSandbox, employer: HmrcClient) -> None:
    fault = employer.levy("/declarations", headers={"X-Sandbox-Fault": "503"})
    assert (fault.status_code, fault.json()["code"]) == (503, "SERVICE_UNAVAILABLE")
    configure_sandbox(sandbox, limits_enabled=True)
    statuses = [employer.levy("/fractions").status_code for _ in range(5)]
    assert 429 in statuses
