"""ch_sic_codes: the SIC code reference data, refreshed from where Companies House publishes
its enumerations — `sic_descriptions` in api-enumerations' constants.yml (UK SIC 2007
five-digit codes and the condensed SIC 2003 four-digit codes older filings carry). The
Public Data API has no SIC resource, so this is one GET of that file, not an API request
(it does not draw on the API key's budget). The rows are global: every project reads them
through the sic_code_search client action. A code no longer listed is deactivated.
"""

from __future__ import annotations

import httpx
import yaml
from pydantic_settings import BaseSettings, SettingsConfigDict

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext
from python_workers.providers.errors import ProviderError, ProviderUnavailable
from python_workers.providers.params import NoParams
from python_workers.providers.reference_cache import cache_items

ENUMERATIONS_URL = (
    "https://raw.githubusercontent.com/companieshouse/api-enumerations/master/constants.yml"
)


class SicSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLUGBOARD_COMPANIES_HOUSE_", extra="ignore")

    enumerations_url: str = ENUMERATIONS_URL


async def sic_codes(ctx: ActionContext, params: NoParams) -> SyncCounts:
    url = SicSettings().enumerations_url
    try:
        response = await ctx.http.get(url)
    except httpx.TransportError as error:
        raise ProviderUnavailable("Companies House api-enumerations", None) from error
    if response.status_code != 200:
        raise ProviderUnavailable("Companies House api-enumerations", response.status_code)
    descriptions = (yaml.safe_load(response.text) or {}).get("sic_descriptions")
    if not isinstance(descriptions, dict) or not descriptions:
        raise ProviderError("sic_codes_missing", f"{url} holds no sic_descriptions")
    items = [
        (str(code), str(text), str(code), {"version": "2007" if len(str(code)) == 5 else "2003"})
        for code, text in descriptions.items()
    ]
    counts = await cache_items(ctx, "sic_code", None, items, global_data=True)
    return SyncCounts(
        records_processed=len(items),
        records_created=counts.get("created", 0),
        records_updated=counts.get("updated", 0) + counts.get("deactivated", 0),
        details={"source": url, **counts},
    )
