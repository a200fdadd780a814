"""What the HMRC sandbox holds: OAuth grants and tokens, each VRN's VAT account, each PAYE
scheme's Apprenticeship Levy data and the fraud-prevention feedback on recent API calls."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.requests import Request

from sandboxes.common.state import SandboxState
from sandboxes.hmrc.config import HmrcConfig
from sandboxes.hmrc.jsonable import jsonable
from sandboxes.hmrc.levy.schemes import LevyScheme, seeded_scheme
from sandboxes.hmrc.tokens import TokenStore

FEEDBACK_SIZE = 1000


@dataclass
class StoredReturn:
    """A submitted 9-box return, as View VAT Return serves it back."""

    boxes: dict[str, Any]  # periodKey and the nine amounts (Decimal)
    received: date
    processing_date: str
    form_bundle_number: str


@dataclass
class VatAccount:
    returns: dict[str, StoredReturn] = field(default_factory=dict)
    liabilities: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)


class HmrcState(SandboxState[HmrcConfig]):
    tokens: TokenStore
    accounts: dict[str, VatAccount]
    levy_schemes: dict[str, LevyScheme]
    fraud_feedback: deque[dict[str, Any]]

    def seed(self) -> None:
        self.tokens = TokenStore()
        self.accounts = {}
        self.levy_schemes = {}
        self.fraud_feedback = deque(maxlen=FEEDBACK_SIZE)

    def account(self, vrn: str) -> VatAccount:
        """The VRN's account, opened on first use (HMRC's sandbox makes test users on demand)."""
        return self.accounts.setdefault(vrn, VatAccount())

    def levy_scheme(self, empref: str) -> LevyScheme:
        """The PAYE scheme's levy data, seeded on first use relative to today."""
        if empref not in self.levy_schemes:
            self.levy_schemes[empref] = seeded_scheme(empref, date.today())
        return self.levy_schemes[empref]

    def snapshot(self) -> Any:
        vat = {
            vrn: {
                "returns": {key: stored.boxes for key, stored in account.returns.items()},
                "liabilities": account.liabilities,
                "payments": account.payments,
            }
            for vrn, account in self.accounts.items()
        }
        return {
            "oauth": self.tokens.snapshot(),
            "vat": jsonable(vat),
            "apprenticeship_levy": jsonable(
                {
                    empref: vars(scheme) | {"employees": sorted(scheme.employees)}
                    for empref, scheme in self.levy_schemes.items()
                }
            ),
            "fraud_prevention_feedback": list(self.fraud_feedback),
        }


def hmrc_state(request: Request) -> HmrcState:
    state: HmrcState = request.app.sandbox_state
    return state
