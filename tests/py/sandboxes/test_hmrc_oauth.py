"""HMRC sandbox OAuth 2.0: consent page, authorization codes, 4-hour access tokens, single-use
refresh tokens, 18-month grants, scopes, client credentials, counters, redaction."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Iterator

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.hmrc.config import HmrcConfig
from sandboxes.testing import (
    configure_sandbox,
    reset_sandbox,
    sandbox_counters,
    sandbox_requests,
    sandbox_state,
    start_sandbox,
)
from tests.py.sandboxes.hmrc_client import (
    CLIENT_SECRET,
    REDIRECT_URI,
    RETURN_BODY,
    VRN,
    HmrcClient,
    authorize_params,
    redirect_query,
)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("hmrc", limits_enabled=False) as running:
        yield running


@pytest.fixture
def hmrc(sandbox: RunningSandbox) -> HmrcClient:
    reset_sandbox(sandbox)
    return HmrcClient(sandbox)


def test_token_lifetimes_default_to_hmrcs() -> None:
    config = HmrcConfig()
    assert config.access_token_seconds == 4 * 3600
    assert config.grant_seconds >= 547 * 24 * 3600  # 18 months


# --- consent --------------------------------------------------------------------------


def test_consent_page_lists_the_scopes_and_offers_both_answers(hmrc: HmrcClient) -> None:
    page = hmrc.http.get("/oauth/authorize", params=authorize_params())
    assert page.status_code == 200
    assert "View your VAT information" in page.text
    assert "Change your VAT information" in page.text
    assert 'value="approve"' in page.text and 'value="deny"' in page.text


def test_approval_redirects_with_a_code_and_the_state(hmrc: HmrcClient) -> None:
    query = redirect_query(hmrc.consent())
    assert query["state"] == "state-123"
    assert len(query["code"]) == 32


def test_denial_redirects_with_access_denied(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    query = redirect_query(hmrc.consent(decision="deny"))
    assert query["error"] == "access_denied"
    assert query["state"] == "state-123"
    assert sandbox_counters(sandbox)["consents_denied"] == 1


def test_unknown_client_gets_an_error_page_not_a_redirect(hmrc: HmrcClient) -> None:
    page = hmrc.http.get("/oauth/authorize", params=authorize_params(client_id="stranger"))
    assert page.status_code == 400
    assert "invalid_client" in page.text


def test_unregistered_redirect_uri_is_refused(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    configure_sandbox(sandbox, redirect_uris=["https://other.example/cb"])
    page = hmrc.http.get("/oauth/authorize", params=authorize_params())
    assert page.status_code == 400


def test_unknown_scope_and_response_type_are_redirected_errors(hmrc: HmrcClient) -> None:
    asked = hmrc.http.get("/oauth/authorize", params=authorize_params(scope="read:vat hello"))
    assert redirect_query(asked)["error"] == "invalid_scope"
    asked = hmrc.http.get("/oauth/authorize", params=authorize_params(response_type="token"))
    assert redirect_query(asked)["error"] == "unsupported_response_type"


def test_scope_of_an_api_the_application_is_not_subscribed_to_is_invalid_scope(
    hmrc: HmrcClient, sandbox: RunningSandbox
) -> None:
    configure_sandbox(sandbox, subscribed_scopes=["read:vat", "write:vat"])  # VAT only
    levy = hmrc.http.get(
        "/oauth/authorize", params=authorize_params(scope="read:vat read:apprenticeship-levy")
    )
    assert redirect_query(levy)["error"] == "invalid_scope"
    vat = hmrc.http.get("/oauth/authorize", params=authorize_params(scope="read:vat write:vat"))
    assert vat.status_code == 200


def test_consent_needs_a_nine_digit_vrn(hmrc: HmrcClient) -> None:
    response = hmrc.consent(vrn="12345")
    assert response.status_code == 400
    assert "9-digit" in response.text


# --- token endpoint -------------------------------------------------------------------


def test_code_exchange_issues_four_hour_tokens(hmrc: HmrcClient) -> None:
    response = hmrc.token(
        grant_type="authorization_code", code=hmrc.code(), redirect_uri=REDIRECT_URI
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 14400
    assert body["scope"] == "read:vat write:vat"
    assert body["access_token"] and body["refresh_token"]
    assert response.headers["Cache-Control"] == "no-store"


def test_a_code_works_once(hmrc: HmrcClient) -> None:
    code = hmrc.code()
    first = hmrc.token(grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI)
    again = hmrc.token(grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI)
    assert first.status_code == 200
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_code_needs_the_same_redirect_uri(hmrc: HmrcClient) -> None:
    response = hmrc.token(
        grant_type="authorization_code", code=hmrc.code(), redirect_uri="https://elsewhere/cb"
    )
    assert response.json()["error"] == "invalid_grant"


def test_expired_code_is_refused(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    configure_sandbox(sandbox, authorization_code_seconds=1)
    code = hmrc.code()
    time.sleep(1.1)
    response = hmrc.token(grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI)
    assert response.json()["error"] == "invalid_grant"


VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=")


@pytest.mark.parametrize(
    ("verifier", "accepted"), [(VERIFIER, True), ("something-else", False), (None, False)]
)
def test_pkce_code_needs_its_verifier(
    hmrc: HmrcClient, verifier: str | None, accepted: bool
) -> None:
    pkce = {"code_challenge": CHALLENGE.decode(), "code_challenge_method": "S256"}
    page = hmrc.http.get("/oauth/authorize", params=authorize_params(**pkce))
    assert f'name="code_challenge" value="{pkce["code_challenge"]}"' in page.text
    code = redirect_query(hmrc.consent(**pkce))["code"]
    proof = {"code_verifier": verifier} if verifier else {}
    response = hmrc.token(
        grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI, **proof
    )
    assert response.status_code == (200 if accepted else 400), response.text


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"client_secret": ""}, 400, "invalid_request"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"grant_type": "authorization_code"}, 400, "invalid_request"),
        ({"grant_type": "refresh_token"}, 400, "invalid_request"),
    ],
)
def test_token_endpoint_errors(
    hmrc: HmrcClient, form: dict[str, str], status: int, error: str
) -> None:
    response = hmrc.token(**{"grant_type": "authorization_code", **form})
    assert response.status_code == status
    assert response.json()["error"] == error


def test_refresh_tokens_rotate_and_work_once(hmrc: HmrcClient) -> None:
    hmrc.sign_in()
    first = hmrc.token(grant_type="refresh_token", refresh_token=hmrc.refresh_token)
    assert first.status_code == 200
    assert first.json()["refresh_token"] != hmrc.refresh_token
    reused = hmrc.token(grant_type="refresh_token", refresh_token=hmrc.refresh_token)
    assert reused.status_code == 400
    assert reused.json() == {
        "error": "invalid_grant",
        "error_description": "refresh_token is invalid",
    }
    chained = hmrc.token(grant_type="refresh_token", refresh_token=first.json()["refresh_token"])
    assert chained.status_code == 200


def test_refreshed_token_keeps_the_grant_scopes_and_vrn(hmrc: HmrcClient) -> None:
    hmrc.sign_in(scope="read:vat")
    refreshed = hmrc.token(grant_type="refresh_token", refresh_token=hmrc.refresh_token).json()
    assert refreshed["scope"] == "read:vat"
    hmrc.access_token = refreshed["access_token"]
    assert hmrc.vat("obligations", {"status": "O"}).status_code in (200, 404)


def test_access_token_expires(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    configure_sandbox(sandbox, access_token_seconds=1)
    hmrc.sign_in()
    time.sleep(1.1)
    response = hmrc.vat("obligations", {"status": "O"})
    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_CREDENTIALS"
    refreshed = hmrc.token(grant_type="refresh_token", refresh_token=hmrc.refresh_token)
    assert refreshed.status_code == 200


def test_grant_expires_after_its_lifetime(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    configure_sandbox(sandbox, grant_seconds=1)
    hmrc.sign_in()
    time.sleep(1.1)
    response = hmrc.token(grant_type="refresh_token", refresh_token=hmrc.refresh_token)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_client_credentials_token_has_no_refresh_token_and_no_vat_access(
    hmrc: HmrcClient,
) -> None:
    response = hmrc.token(grant_type="client_credentials")
    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    hmrc.access_token = response.json()["access_token"]
    assert hmrc.vat("obligations", {"status": "O"}).json()["code"] == "INVALID_SCOPE"


def test_scopes_are_enforced(hmrc: HmrcClient) -> None:
    hmrc.sign_in(scope="read:vat")
    response = hmrc.submit()
    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SCOPE"


def test_a_grant_is_for_one_vrn(hmrc: HmrcClient) -> None:
    hmrc.sign_in(vrn="987654321")
    response = hmrc.vat("obligations", {"status": "O"}, vrn=VRN)
    assert response.status_code == 403
    assert response.json()["code"] == "CLIENT_OR_AGENT_NOT_AUTHORISED"


def test_token_calls_are_counted(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    hmrc.sign_in()
    hmrc.token(grant_type="refresh_token", refresh_token=hmrc.refresh_token)
    hmrc.token(grant_type="client_credentials")
    counters = sandbox_counters(sandbox)
    assert counters["token_calls"] == 3
    assert counters["token_calls_authorization_code"] == 1
    assert counters["token_calls_refresh_token"] == 1
    assert counters["token_calls_client_credentials"] == 1
    assert counters["consents_approved"] == 1


def test_secrets_never_reach_the_request_log_or_state(
    sandbox: RunningSandbox, hmrc: HmrcClient
) -> None:
    hmrc.sign_in()
    hmrc.submit(RETURN_BODY)
    logged = str(sandbox_requests(sandbox)) + str(sandbox_state(sandbox))
    for secret in (CLIENT_SECRET, hmrc.access_token, hmrc.refresh_token):
        assert secret not in logged
    token_call = next(r for r in sandbox_requests(sandbox) if r["path"] == "/oauth/token")
    assert "client_secret=%5BREDACTED%5D" in token_call["body"]
    assert "code=%5BREDACTED%5D" in token_call["body"]


def test_reset_forgets_every_token(sandbox: RunningSandbox, hmrc: HmrcClient) -> None:
    hmrc.sign_in()
    reset_sandbox(sandbox)
    assert hmrc.vat("obligations", {"status": "O"}).status_code == 401
    assert sandbox_state(sandbox)["oauth"]["grants"] == []


def test_unauthenticated_calls_are_refused(sandbox: RunningSandbox) -> None:
    url = f"{sandbox.base_url}/organisations/vat/{VRN}/obligations?status=O"
    accept = {"Accept": "application/vnd.hmrc.1.0+json"}
    missing = httpx.get(url, headers=accept)
    assert (missing.status_code, missing.json()["code"]) == (401, "MISSING_CREDENTIALS")
    wrong = httpx.get(url, headers={**accept, "Authorization": "Bearer nope"})
    assert (wrong.status_code, wrong.json()["code"]) == (401, "INVALID_CREDENTIALS")
