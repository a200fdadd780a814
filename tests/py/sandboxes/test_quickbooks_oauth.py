"""OAuth 2.0 as Intuit runs it: consent page, code exchange with HTTP Basic client auth,
expiring access tokens, rotating single-use refresh tokens, revocation, discovery."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.quickbooks.state import GB_REALM, US_REALM
from sandboxes.testing import configure_sandbox, sandbox_counters, sandbox_requests

CLIENT = ("sandbox-client-id", "sandbox-client-secret")
REDIRECT = "https://app.example.com/oauth/callback"
SCOPE = "com.intuit.quickbooks.accounting"


@pytest.fixture
def http(qbo_reset: RunningSandbox) -> httpx.Client:
    return httpx.Client(base_url=qbo_reset.base_url, timeout=10)


@pytest.fixture
def qbo_reset(quickbooks_sandbox: RunningSandbox) -> RunningSandbox:
    httpx.post(f"{quickbooks_sandbox.base_url}/_sandbox/reset")
    return quickbooks_sandbox


def authorize_params(**overrides: str) -> dict[str, str]:
    params = {"client_id": CLIENT[0], "response_type": "code", "scope": SCOPE,
              "redirect_uri": REDIRECT, "state": "xyz"}  # fmt: skip
    return {**params, **overrides}


def consent(http: httpx.Client, decision: str, realm: str = GB_REALM) -> dict[str, list[str]]:
    """Approve or deny on the consent page; the query string of the redirect back."""
    response = http.post("/connect/oauth2", data={**authorize_params(), "realm_id": realm,
                                                  "decision": decision})  # fmt: skip
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(REDIRECT)
    return parse_qs(urlsplit(location).query)


def exchange(http: httpx.Client, code: str, redirect: str = REDIRECT) -> httpx.Response:
    return http.post(
        "/oauth2/v1/tokens/bearer",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect},
        auth=CLIENT,
    )


def refresh(http: httpx.Client, token: str) -> httpx.Response:
    return http.post(
        "/oauth2/v1/tokens/bearer",
        data={"grant_type": "refresh_token", "refresh_token": token},
        auth=CLIENT,
    )


def connect(http: httpx.Client, realm: str = GB_REALM) -> dict[str, Any]:
    code = consent(http, "approve", realm)["code"][0]
    tokens: dict[str, Any] = exchange(http, code).json()
    return tokens


def read_vendor(http: httpx.Client, access_token: str, realm: str = GB_REALM) -> httpx.Response:
    return http.get(
        f"/v3/company/{realm}/vendor/1",
        headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
    )


def test_consent_page_lists_companies_to_choose(http: httpx.Client) -> None:
    page = http.get("/connect/oauth2", params=authorize_params())
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert GB_REALM in page.text and US_REALM in page.text
    assert 'value="approve"' in page.text and 'value="deny"' in page.text


def test_approval_redirects_with_code_realm_and_state(http: httpx.Client) -> None:
    answer = consent(http, "approve", US_REALM)
    assert answer["realmId"] == [US_REALM] and answer["state"] == ["xyz"]
    assert answer["code"][0]


def test_denial_redirects_with_access_denied(http: httpx.Client) -> None:
    answer = consent(http, "deny")
    assert answer == {"error": ["access_denied"], "state": ["xyz"]}


def test_unknown_client_is_refused_on_the_page(http: httpx.Client) -> None:
    response = http.get("/connect/oauth2", params=authorize_params(client_id="someone-else"))
    assert response.status_code == 400


def test_missing_accounting_scope_redirects_invalid_scope(http: httpx.Client) -> None:
    response = http.get("/connect/oauth2", params=authorize_params(scope="openid"))
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["location"]).query)["error"] == ["invalid_scope"]


def test_code_exchange_returns_bearer_tokens_for_the_chosen_realm(http: httpx.Client) -> None:
    tokens = connect(http, US_REALM)
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 3600
    assert tokens["x_refresh_token_expires_in"] > 0
    assert read_vendor(http, tokens["access_token"], US_REALM).status_code == 200
    assert read_vendor(http, tokens["access_token"], GB_REALM).status_code == 403


def test_code_is_single_use(http: httpx.Client) -> None:
    code = consent(http, "approve")["code"][0]
    assert exchange(http, code).status_code == 200
    reused = exchange(http, code)
    assert reused.status_code == 400 and reused.json() == {"error": "invalid_grant"}


def test_code_with_other_redirect_uri_is_invalid_grant(http: httpx.Client) -> None:
    code = consent(http, "approve")["code"][0]
    assert exchange(http, code, "https://evil.example.com/cb").json()["error"] == "invalid_grant"


def test_wrong_client_secret_is_invalid_client(http: httpx.Client) -> None:
    code = consent(http, "approve")["code"][0]
    response = http.post(
        "/oauth2/v1/tokens/bearer",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT},
        auth=(CLIENT[0], "wrong"),
    )
    assert response.status_code == 401 and response.json() == {"error": "invalid_client"}


def test_refresh_rotates_and_the_old_refresh_token_is_then_invalid(http: httpx.Client) -> None:
    tokens = connect(http)
    renewed = refresh(http, tokens["refresh_token"]).json()
    assert renewed["refresh_token"] != tokens["refresh_token"]
    assert renewed["access_token"] != tokens["access_token"]
    reused = refresh(http, tokens["refresh_token"])
    assert reused.status_code == 400 and reused.json() == {"error": "invalid_grant"}
    assert refresh(http, renewed["refresh_token"]).status_code == 200


def test_expired_refresh_token_is_invalid_grant(
    http: httpx.Client, qbo_reset: RunningSandbox
) -> None:
    configure_sandbox(qbo_reset, refresh_token_seconds=1)
    tokens = connect(http)
    time.sleep(1.1)
    assert refresh(http, tokens["refresh_token"]).json() == {"error": "invalid_grant"}


def test_access_token_expires_after_configured_lifetime(
    http: httpx.Client, qbo_reset: RunningSandbox
) -> None:
    configure_sandbox(qbo_reset, access_token_seconds=1)
    tokens = connect(http)
    assert tokens["expires_in"] == 1
    assert read_vendor(http, tokens["access_token"]).status_code == 200
    time.sleep(1.1)
    expired = read_vendor(http, tokens["access_token"])
    assert expired.status_code == 401
    assert expired.json()["Fault"]["Error"][0]["code"] == "3200"
    renewed = refresh(http, tokens["refresh_token"]).json()
    assert read_vendor(http, renewed["access_token"]).status_code == 200


def test_revocation_ends_refresh_and_access_tokens(http: httpx.Client) -> None:
    tokens = connect(http)
    response = http.post("/oauth2/v1/tokens/revoke", json={"token": tokens["refresh_token"]},
                         auth=CLIENT)  # fmt: skip
    assert response.status_code == 200
    assert refresh(http, tokens["refresh_token"]).json() == {"error": "invalid_grant"}
    assert read_vendor(http, tokens["access_token"]).status_code == 401


def test_token_calls_are_counted_per_grant_type(
    http: httpx.Client, qbo_reset: RunningSandbox
) -> None:
    tokens = connect(http)
    refresh(http, tokens["refresh_token"])
    counters = sandbox_counters(qbo_reset)
    assert counters["token_calls"] == 2
    assert counters["token_calls_authorization_code"] == 1
    assert counters["token_calls_refresh_token"] == 1


def test_token_requests_are_logged_without_secrets(
    http: httpx.Client, qbo_reset: RunningSandbox
) -> None:
    tokens = connect(http)
    refresh(http, tokens["refresh_token"])
    log = str(sandbox_requests(qbo_reset))
    for secret in (tokens["refresh_token"], tokens["access_token"], CLIENT[1]):
        assert secret not in log
    assert "Basic [REDACTED]" in log and "refresh_token=%5BREDACTED%5D" in log


def test_discovery_document_lists_endpoints_on_the_sandbox(http: httpx.Client) -> None:
    document = http.get("/.well-known/openid_configuration").json()
    base = str(http.base_url).rstrip("/")
    assert document["authorization_endpoint"] == base + "/connect/oauth2"
    assert document["token_endpoint"] == base + "/oauth2/v1/tokens/bearer"
    assert document["revocation_endpoint"] == base + "/oauth2/v1/tokens/revoke"
    for key in ("userinfo_endpoint", "jwks_uri"):
        assert http.get(document[key].removeprefix(base)).status_code in (200, 401)
    assert SCOPE in document["scopes_supported"]


def test_userinfo_answers_for_a_valid_access_token(http: httpx.Client) -> None:
    tokens = connect(http)
    response = http.get(
        "/v1/openid_connect/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert response.status_code == 200 and response.json()["email"]


def test_only_registered_redirect_uris_are_accepted_when_configured(
    http: httpx.Client, qbo_reset: RunningSandbox
) -> None:
    configure_sandbox(qbo_reset, redirect_uris=[REDIRECT])
    assert http.get("/connect/oauth2", params=authorize_params()).status_code == 200
    other = authorize_params(redirect_uri="https://elsewhere.example.com/cb")
    assert http.get("/connect/oauth2", params=other).status_code == 400
