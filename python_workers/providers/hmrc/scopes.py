"""The HMRC scopes Plugboard's features use. HMRC refuses an authorization that asks for a
scope the application is not subscribed to (invalid_scope), so a connection asks only for
those of the enabled features (credentials/oauth_providers.py), and a feature run on a
connection that was not granted its scope fails saying to reconnect, before calling HMRC."""

from __future__ import annotations

from typing import TYPE_CHECKING

from python_workers.providers.errors import ProviderError

if TYPE_CHECKING:  # HMRC's spec imports this module: it stays light
    from python_workers.providers.contract import ActionContext

# testConnection reads the obligations: every connection asks for read:vat.
CONNECTION_SCOPES = ("read:vat",)
# Catalogue feature key -> the scopes its runs need.
FEATURE_SCOPES: dict[str, tuple[str, ...]] = {
    "vat_obligations": ("read:vat",),
    "vat_return_submission": ("write:vat",),
    "paye_levy_declarations": ("read:apprenticeship-levy",),
}

FEATURE_NAME_SQL = """
select f.name from public.integration_features as f
join public.integration_providers as p on p.id = f.provider_id
where p.key = 'hmrc' and f.key = %s
"""


async def require_scopes(ctx: ActionContext, feature: str) -> None:
    """scope_not_granted when the connection's granted scopes (kept from the token
    response) lack one `feature` needs; nothing when they are not known (HMRC then answers
    INVALID_SCOPE itself)."""
    granted = (await ctx.credentials.get()).scopes
    missing = [scope for scope in FEATURE_SCOPES[feature] if granted and scope not in granted]
    if not missing:
        return
    row = await (await ctx.db.execute(FEATURE_NAME_SQL, (feature,))).fetchone()
    raise ProviderError(
        "scope_not_granted",
        f"Reconnect HMRC to allow {row[0] if row else feature} (scope {' '.join(missing)})",
        {"feature": feature, "missing_scopes": missing},
    )
