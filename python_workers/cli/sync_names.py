"""The names `plugboard sync <provider> <feature>` accepts, read from the catalogue: an
unknown one is a one-line sentence listing what exists."""

from __future__ import annotations

from typing import Any

import psycopg

CATALOGUE_SQL = """
select p.key, coalesce(array_agg(f.key order by f.key) filter (where f.key is not null), '{}')
from public.integration_providers as p
left join public.integration_features as f
    on f.provider_id = p.id and f.is_active and f.server_action is not null
where p.is_active
group by p.key
order by p.key
"""


# What a person starts through an RPC of its own rather than a feature: (provider, name)
# -> the call, given the integration and the words after the name.
RPC_COMMANDS = {
    ("companies_house", "company_search"): "select public.companies_house_search_companies(%s, %s)",
}


class UnknownName(LookupError):
    pass


def one_of(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names) or "nothing"
    return f"{', '.join(names[:-1])} or {names[-1]}"


async def check_names(conn: psycopg.AsyncConnection[Any], provider: str, feature: str) -> None:
    """Raises UnknownName unless the catalogue has the provider and it has the feature
    (one with something to run), or it is one of the provider's RPC_COMMANDS."""
    rows = await (await conn.execute(CATALOGUE_SQL)).fetchall()
    features: dict[str, list[str]] = {key: list(keys) for key, keys in rows}
    for key, name in RPC_COMMANDS:
        if key in features:
            features[key] = sorted([*features[key], name])
    if provider not in features:
        raise UnknownName(f"unknown provider {provider!r}: use {one_of(sorted(features))}")
    if feature not in features[provider]:
        raise UnknownName(
            f"{provider} has no feature {feature!r} to run: use {one_of(features[provider])}"
        )
