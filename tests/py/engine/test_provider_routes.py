"""The provider request histogram's labels: the provider is the configured base URL a
request's URL starts with; the route is its path with every id-like segment written {id}
and no query, so no realm, record id, VRN, company number or query value becomes a label;
a provider's routes are bounded."""

from __future__ import annotations

import httpx
import pytest

from python_workers.engine.http_metrics import MAX_ROUTES, ProviderLatency, route_template
from python_workers.providers.url_paths import path_segment


@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("/v3/company/9130357766900456/vendor", "/v3/company/{id}/vendor"),
        ("/v3/company/9130357766900456/purchase/145", "/v3/company/{id}/purchase/{id}"),
        ("/v3/company/9130357766900456/query", "/v3/company/{id}/query"),
        ("/company/SC012345/officers", "/company/{id}/officers"),
        ("/organisations/vat/123456789/returns/18A1", "/organisations/vat/{id}/returns/{id}"),
        (
            f"/apprenticeship-levy/epaye/{path_segment('employer_paye_reference', '123/AB456')}"
            "/declarations",
            "/apprenticeship-levy/epaye/{id}/declarations",
        ),
        ("/oauth2/v1/tokens/bearer", "/oauth2/v1/tokens/bearer"),
        ("/search/" + "x" * 40, "/search/{id}"),
        ("/", "/"),
    ],
)
def test_route_templates_keep_names_and_hide_ids(path: str, route: str) -> None:
    assert route_template(path) == route


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> ProviderLatency:
    """The hooks with the providers' URL settings (each spec's) pointing at local ports."""
    for name, value in {
        "QBO_API_BASE_URL": "http://127.0.0.1:54401",
        "QBO_TOKEN_URL": "http://127.0.0.1:54401/oauth2/v1/tokens/bearer",
        "COMPANIES_HOUSE_BASE_URL": "http://127.0.0.1:54402",
        "HMRC_BASE_URL": "http://127.0.0.1:54403/",
    }.items():
        monkeypatch.setenv(name, value)
    return ProviderLatency()


def test_the_provider_is_the_base_url_the_request_starts_with(hooks: ProviderLatency) -> None:
    assert hooks.labels(httpx.URL("http://127.0.0.1:54401/v3/company/1/query?query=select")) == (
        "quickbooks", "/v3/company/{id}/query",
    )  # fmt: skip
    assert hooks.labels(httpx.URL("http://127.0.0.1:54401/oauth2/v1/tokens/bearer")) == (
        "quickbooks", "/oauth2/v1/tokens/bearer",
    )  # fmt: skip
    assert (
        hooks.labels(httpx.URL("http://127.0.0.1:54403/organisations/vat/123456789/obligations"))[0]
        == "hmrc"
    )
    assert hooks.labels(httpx.URL("http://127.0.0.1:544020/company/x")) == ("other", "{other}")
    assert hooks.labels(httpx.URL("https://raw.example/x/constants.yml")) == ("other", "{other}")


def test_a_providers_routes_are_bounded(hooks: ProviderLatency) -> None:
    for n in range(MAX_ROUTES):
        name = "".join(chr(ord("a") + int(digit)) for digit in str(n))  # a, b, …, ba, bb
        assert hooks.labels(httpx.URL(f"http://127.0.0.1:54402/r{name}"))[1] == f"/r{name}"
    assert hooks.labels(httpx.URL("http://127.0.0.1:54402/one-more")) == (
        "companies_house", "{other}",
    )  # fmt: skip
    assert hooks.labels(httpx.URL("http://127.0.0.1:54402/rb")) == ("companies_house", "/rb")
