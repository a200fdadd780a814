"""Property tests of the 9-box return rules (in process, no server): any return whose boxes
add up is accepted to the penny, and any disturbed box 3 or box 5 is caught."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sandboxes.hmrc.vat.validation import arithmetic_errors, format_errors

PENCE = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2)
WHOLE = st.integers(min_value=-(10**12), max_value=10**12).map(Decimal)


@st.composite
def consistent_returns(draw: st.DrawFn) -> dict[str, Any]:
    sales, acquisitions, reclaimed = draw(PENCE), draw(PENCE), draw(PENCE)
    total = sales + acquisitions
    return {
        "periodKey": draw(st.from_regex(r"[#0-9A-Z]{4}", fullmatch=True)),
        "vatDueSales": sales,
        "vatDueAcquisitions": acquisitions,
        "totalVatDue": total,
        "vatReclaimedCurrPeriod": reclaimed,
        "netVatDue": abs(total - reclaimed),
        "totalValueSalesExVAT": draw(WHOLE),
        "totalValuePurchasesExVAT": draw(WHOLE),
        "totalValueGoodsSuppliedExVAT": draw(WHOLE),
        "totalAcquisitionsExVAT": draw(WHOLE),
        "finalised": True,
    }


def _as_received(body: dict[str, Any]) -> dict[str, Any]:
    """The body as the sandbox reads it off the wire: JSON numbers parsed as Decimal. Every
    amount drawn has at most 15 significant digits, so a float carries it exactly."""
    wire = json.dumps(body, default=float)
    parsed: dict[str, Any] = json.loads(wire, parse_float=Decimal, parse_int=Decimal)
    return parsed


@given(consistent_returns())
def test_consistent_returns_pass(body: dict[str, Any]) -> None:
    received = _as_received(body)
    assert format_errors(received) == []
    assert arithmetic_errors(received) == []
    assert received["netVatDue"] == body["netVatDue"]


@given(consistent_returns(), st.sampled_from(["totalVatDue", "netVatDue"]), PENCE)
def test_a_disturbed_total_is_caught(body: dict[str, Any], box: str, shift: Decimal) -> None:
    if shift == 0:
        return
    disturbed = {**body, box: abs(body[box] + shift) if box == "netVatDue" else body[box] + shift}
    if disturbed[box] == body[box]:
        return
    codes = {e.code for e in arithmetic_errors(_as_received(disturbed))}
    expected = "VAT_NET_VALUE" if box == "netVatDue" else "VAT_TOTAL_VALUE"
    assert expected in codes


@given(consistent_returns(), st.sampled_from(["vatDueSales", "vatReclaimedCurrPeriod"]))
def test_a_third_decimal_place_is_an_invalid_amount(body: dict[str, Any], box: str) -> None:
    body = {**body, box: body[box] + Decimal("0.001")}
    codes = {(e.code, e.path) for e in format_errors(_as_received(body))}
    assert ("INVALID_MONETARY_AMOUNT", f"/{box}") in codes
