"""A stored value that goes into a provider URL's path is checked and escaped at the HTTP
client (python_workers/providers/url_paths.py), whoever wrote it: a VRN or employer PAYE
reference planted in the settings (here by the database owner, as a superuser could) fails
the run with invalid_stored_value and never reaches the sandbox; the saved good value
still does. Companies House numbers and QuickBooks realm and record ids are held to their
shapes the same way."""

from __future__ import annotations

from typing import Any

import pytest

from python_workers.providers.url_paths import PathKind, UnsafePathValue, path_segment
from sandboxes.testing import sandbox_requests
from tests.py.hmrc.conftest import VRN, HmrcWorld

API_PATHS = ("/organisations/", "/apprenticeship-levy/")
HOSTILE = ["../x?y", "123456782/../1", "123456782?x=1", "123456782#x", "%2e%2e", "", " 123456782"]


def _run(hmrc: HmrcWorld, action: str, feature: str) -> dict[str, Any]:
    assert hmrc.integration_id is not None
    [log] = hmrc.wait_final([hmrc.enqueue(hmrc.integration_id, action, feature)])
    return log


def _api_paths(hmrc: HmrcWorld, since: int) -> list[str]:
    assert hmrc.sandbox is not None
    return [
        str(r["path"])
        for r in sandbox_requests(hmrc.sandbox)[since:]
        if str(r["path"]).startswith(API_PATHS)
    ]


def test_planted_vrn_and_employer_reference_never_reach_hmrc(hmrc: HmrcWorld) -> None:
    assert hmrc.sandbox is not None
    hmrc.sql(
        "update public.project_integrations set settings = settings"
        """ || '{"vrn": "../x?y", "employer_paye_reference": "123/../../x?y"}' where id = %s""",
        (hmrc.integration_id,),
    )
    hmrc.start_workers()
    before = len(sandbox_requests(hmrc.sandbox))
    obligations = _run(hmrc, "hmrc_vat_obligations", "vat_obligations")
    levy = _run(hmrc, "hmrc_paye_levy_declarations", "paye_levy_declarations")
    assert (obligations["status"], obligations["error_code"]) == ("failed", "invalid_stored_value")
    assert "VAT registration number '../x?y' is not 9 digits" in obligations["error_message"]
    assert (levy["status"], levy["error_code"]) == ("failed", "invalid_stored_value")
    assert "employer PAYE reference" in levy["error_message"]
    assert obligations["attempt"] == levy["attempt"] == 1  # not retried
    assert _api_paths(hmrc, before) == []

    # the good VRN, saved through the RPC: the same run reaches HMRC at the escaped path
    hmrc.rpc("hmrc_set_references", hmrc.integration_id, f'{{"vrn": "{VRN}"}}')
    before = len(sandbox_requests(hmrc.sandbox))
    assert _run(hmrc, "hmrc_vat_obligations", "vat_obligations")["status"] == "success"
    # two reads: the fulfilled obligations of the last year, then the open ones of any age
    assert _api_paths(hmrc, before) == [f"/organisations/vat/{VRN}/obligations"] * 2


@pytest.mark.parametrize(
    ("kind", "value", "segment"),
    [
        ("vrn", "123456782", "123456782"),
        ("employer_paye_reference", "123/AB456", "123%2FAB456"),
        ("company_number", "SC012345", "SC012345"),
        ("qbo_realm_id", "9341455000000001", "9341455000000001"),
        ("qbo_entity_id", "56", "56"),
    ],
)
def test_a_value_of_its_shape_is_one_escaped_segment(
    kind: PathKind, value: str, segment: str
) -> None:
    assert path_segment(kind, value) == segment


@pytest.mark.parametrize(
    "kind", ["vrn", "employer_paye_reference", "company_number", "qbo_realm_id", "qbo_entity_id"]
)
@pytest.mark.parametrize("value", [*HOSTILE, None, 123456782, "x" * 1_000_000])
def test_any_other_value_is_refused_and_quoted_briefly(kind: PathKind, value: object) -> None:
    with pytest.raises(UnsafePathValue) as refused:
        path_segment(kind, value)
    assert refused.value.code == "invalid_stored_value" and not refused.value.retryable
    assert len(refused.value.message) < 200
