"""The Apprenticeship Levy API 1.0 (scope read:apprenticeship-levy): an employer PAYE
scheme's levy declarations and English fractions. The employer reference goes into the
path URL-encoded (123/AB12345 -> 123%2FAB12345), as HMRC asks. This API takes no
fraud-prevention headers (HMRC requires them for MTD APIs such as VAT)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from python_workers.providers.hmrc.http import HmrcHttp, ok
from python_workers.providers.hmrc.levy_models import FractionCalculations, LevyDeclarations
from python_workers.providers.url_paths import path_segment


@dataclass(frozen=True)
class LevyApi:
    http: HmrcHttp

    async def declarations(self, empref: str, first: date, last: date) -> LevyDeclarations:
        response = await self.http.send(
            "GET", _scheme(empref) + "/declarations", params=_range(first, last)
        )
        return LevyDeclarations.model_validate_json(ok(response).content)

    async def fractions(self, empref: str, first: date, last: date) -> FractionCalculations:
        response = await self.http.send(
            "GET", _scheme(empref) + "/fractions", params=_range(first, last)
        )
        return FractionCalculations.model_validate_json(ok(response).content)


def _scheme(empref: str) -> str:
    return f"/apprenticeship-levy/epaye/{path_segment('employer_paye_reference', empref)}"


def _range(first: date, last: date) -> dict[str, str]:
    return {"fromDate": first.isoformat(), "toDate": last.isoformat()}
