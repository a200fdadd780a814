"""HMRC's refusals of a VAT return, told so that a person can act on them: HMRC's own code,
a message naming the period or the box, and per-box errors in details.errors
({code, field, box, message}) for a form to show against its boxes."""

from __future__ import annotations

from python_workers.providers.errors import ProviderError
from python_workers.providers.hmrc.http import HmrcRefused

BOXES = {
    "vatDueSales": 1,
    "vatDueAcquisitions": 2,
    "totalVatDue": 3,
    "vatReclaimedCurrPeriod": 4,
    "netVatDue": 5,
    "totalValueSalesExVAT": 6,
    "totalValuePurchasesExVAT": 7,
    "totalValueGoodsSuppliedExVAT": 8,
    "totalAcquisitionsExVAT": 9,
}

WHAT_TO_DO = {
    "DUPLICATE_SUBMISSION": "HMRC already has a VAT return for period {period}. It takes one "
    "return per period: correct a mistake in your next return, or tell HMRC (form VAT652).",
    "TAX_PERIOD_NOT_ENDED": "Period {period} has not ended yet: submit its return once it has.",
    "NOT_FINALISED": "The return must be declared final before HMRC takes it.",
    "PERIOD_KEY_INVALID": "HMRC does not know period {period} for this VAT number: pick an "
    "open obligation (fetch VAT obligations again).",
    "VRN_INVALID": "HMRC refused the VAT registration number: check it in the HMRC settings.",
    "CLIENT_OR_AGENT_NOT_AUTHORISED": "The HMRC connection is not authorised for this VAT "
    "number: reconnect HMRC as the business that owns it.",
}


def explained(refused: HmrcRefused, period: str) -> ProviderError:
    """Under HMRC's most specific code (refused.code): its advice when there is one, else
    the per-box errors, else HMRC's message."""
    errors = [
        {
            "code": e.code,
            "field": (e.path or "").lstrip("/") or None,
            "box": BOXES.get((e.path or "").lstrip("/")),
            "message": e.message,
        }
        for e in refused.error.errors
    ]
    advice = WHAT_TO_DO.get(refused.code)
    if advice is not None:
        message = advice.format(period=period)
    elif errors:
        message = "HMRC refused the return: " + "; ".join(
            f"box {e['box']} ({e['field']}): {e['message']}" if e["box"] else str(e["message"])
            for e in errors
        )
    else:
        message = refused.message
    return ProviderError(
        refused.code,
        message,
        {
            "status": refused.status,
            "hmrc_code": refused.error.code,
            "hmrc_message": refused.error.message,
            "errors": errors,
        },
    )
