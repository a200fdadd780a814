"""hmrc_paye_levy_declarations: what HMRC's documented REST APIs can honestly give for PAYE.

HMRC offers no public REST API for PAYE Real Time Information (Full Payment Submissions,
employees' pay). The Apprenticeship Levy API gives, for the project's employer PAYE
reference (saved with hmrc_set_references), the levy declarations of the scheme's Employer
Payment Summaries and its English fraction calculations: both are cached as reference
data (kinds levy_declaration and levy_fraction, parent the reference) for the last
LOOKBACK_YEARS years (HMRC's own default range); v_hmrc_paye_levy_declarations shows them.
A project with no employer PAYE reference saved is not an employer Plugboard knows of: its
scheduled run does nothing and says why; a person's request is refused with what to do.
"""

from __future__ import annotations

from datetime import date

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError
from python_workers.providers.hmrc.attended import this_run
from python_workers.providers.hmrc.http import HmrcRefused, hmrc_http
from python_workers.providers.hmrc.levy_api import LevyApi
from python_workers.providers.hmrc.scopes import require_scopes
from python_workers.providers.params import NoParams
from python_workers.providers.reference_cache import cache_items

LOOKBACK_YEARS = 6

WHAT_TO_DO = {
    "INVALID_SCOPE": "The HMRC connection does not allow reading Apprenticeship Levy data "
    "(scope read:apprenticeship-levy): reconnect HMRC in Setup > Integrations to grant it.",
    "EMPREF_INVALID": "HMRC refused employer PAYE reference {empref}: check it in the HMRC "
    "settings.",
    "EPAYE_EMPREF_UNKNOWN": "HMRC does not know employer PAYE reference {empref}: check it in "
    "the HMRC settings.",
    "AUTH_ERROR_FORBIDDEN": "The HMRC connection is not authorised for PAYE scheme {empref}: "
    "reconnect HMRC as the employer that runs it.",
}


NO_REFERENCE = "Save the project's employer PAYE reference first (hmrc_set_references)"


async def paye_levy_declarations(ctx: ActionContext, params: NoParams) -> SyncCounts:
    empref = ctx.integration.settings.get("employer_paye_reference")
    if not isinstance(empref, str):
        if (await this_run(ctx)).requested_by is not None:
            raise ProviderError("employer_paye_reference_missing", NO_REFERENCE)
        return SyncCounts(
            details={
                "skipped": f"No employer PAYE reference: nothing to fetch. "
                f"{NO_REFERENCE}, or switch this feature off."
            }
        )
    await require_scopes(ctx, "paye_levy_declarations")
    today = date.today()
    first = date(today.year - LOOKBACK_YEARS, today.month, 1)
    api = LevyApi(hmrc_http(ctx))
    try:
        declarations = (await api.declarations(empref, first, today)).declarations
        calculations = (await api.fractions(empref, first, today)).fractionCalculations
    except HmrcRefused as refused:
        if refused.code not in WHAT_TO_DO:
            raise
        raise ProviderError(
            refused.code, WHAT_TO_DO[refused.code].format(empref=empref), refused.details
        ) from None
    declared = await cache_items(
        ctx,
        "levy_declaration",
        empref,
        [(str(d.id), d.label, d.entry_type, d) for d in declarations],
    )
    fractions = await cache_items(
        ctx,
        "levy_fraction",
        empref,
        [
            (f"{empref}@{c.calculatedAt.isoformat()}", f"fractions of {c.calculatedAt}", None, c)
            for c in calculations
        ],
    )
    return SyncCounts(
        records_processed=len(declarations) + len(calculations),
        records_created=declared.get("created", 0) + fractions.get("created", 0),
        records_updated=declared.get("updated", 0) + fractions.get("updated", 0),
        records_skipped=declared.get("unchanged", 0) + fractions.get("unchanged", 0),
        details={
            "employer_paye_reference": empref,
            "declarations": declared,
            "fractions": fractions,
        },
    )
