"""A test client for the HMRC sandbox: the OAuth journey (consent answered over HTTP, as a
test would), VAT calls with the versioned Accept header, and fraud-prevention header sets."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import httpx

from sandboxes.common.server import RunningSandbox

CLIENT_ID = "sandbox-client-id"
CLIENT_SECRET = "sandbox-client-secret"
REDIRECT_URI = "https://app.example/hmrc/callback"
VRN = "123456789"
EMPREF = "123/AB12345"  # the sandbox's default employer PAYE reference
LEVY_SCOPE = "read:vat write:vat read:apprenticeship-levy"
ACCEPT = "application/vnd.hmrc.1.0+json"

# The examples of HMRC's fraud-prevention specification, one valid set per method.
WEB_APP_VIA_SERVER_HEADERS = {
    "Gov-Client-Connection-Method": "WEB_APP_VIA_SERVER",
    "Gov-Client-Browser-JS-User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "Gov-Client-Device-ID": "beec798b-b366-47fa-b1f8-92cede14a1ce",
    "Gov-Client-Multi-Factor": "type=AUTH_CODE&timestamp=2021-11-21T13%3A23Z"
    "&unique-reference=fc4b5fd6816f75a7c81fc8eaa9499d6a299bd803397166e8c4cf9280b801d62c",
    "Gov-Client-Public-IP": "198.51.100.0",
    "Gov-Client-Public-IP-Timestamp": "2020-09-21T14:30:05.123Z",
    "Gov-Client-Public-Port": "12345",
    "Gov-Client-Screens": "width=1920&height=1080&scaling-factor=1&colour-depth=16",
    "Gov-Client-Timezone": "UTC+00:00",
    "Gov-Client-User-IDs": "my-application=alice123",
    "Gov-Client-Window-Size": "width=1256&height=803",
    "Gov-Vendor-Forwarded": "by=203.0.113.6&for=198.51.100.0",
    "Gov-Vendor-License-IDs": "my-licensed-software="
    "8D7963490527D33716835EE7C195516D5E562E03B224E9B359836466EE40CDE1",
    "Gov-Vendor-Product-Name": "Plugboard",
    "Gov-Vendor-Public-IP": "203.0.113.6",
    "Gov-Vendor-Version": "plugboard-web=1.0.0&plugboard-server=1.0.0",
}
BATCH_PROCESS_DIRECT_HEADERS = {
    "Gov-Client-Connection-Method": "BATCH_PROCESS_DIRECT",
    "Gov-Client-Device-ID": "beec798b-b366-47fa-b1f8-92cede14a1ce",
    "Gov-Client-Local-IPs": "10.1.2.3,fc00%3A%3A",
    "Gov-Client-Local-IPs-Timestamp": "2020-09-21T14:30:05.123Z",
    "Gov-Client-MAC-Addresses": "ea%3A43%3A1a%3A5d%3A21%3A45",
    "Gov-Client-Timezone": "UTC+01:00",
    "Gov-Client-User-Agent": "os-family=Linux&os-version=6.1&device-manufacturer=Dell%20Inc."
    "&device-model=PowerEdge%20R650",
    "Gov-Client-User-IDs": "os=plugboard&plugboard=scheduler",
    "Gov-Vendor-License-IDs": "plugboard=8D7963490527D33716835EE7C195516D5E562E03B224E9B3",
    "Gov-Vendor-Product-Name": "Plugboard",
    "Gov-Vendor-Version": "plugboard-worker=1.0.0",
}

RETURN_BODY: dict[str, Any] = {
    "periodKey": "18A1",
    "vatDueSales": 105.5,
    "vatDueAcquisitions": -100.45,
    "totalVatDue": 5.05,
    "vatReclaimedCurrPeriod": 105.15,
    "netVatDue": 100.1,
    "totalValueSalesExVAT": 300,
    "totalValuePurchasesExVAT": 300,
    "totalValueGoodsSuppliedExVAT": 3000,
    "totalAcquisitionsExVAT": 3000,
    "finalised": True,
}


def authorize_params(scope: str = "read:vat write:vat", **extra: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "scope": scope,
        "state": "state-123",
        "redirect_uri": REDIRECT_URI,
        **extra,
    }


def redirect_query(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT_URI), location
    return {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}


class HmrcClient:
    def __init__(self, sandbox: RunningSandbox) -> None:
        self.http = httpx.Client(base_url=sandbox.base_url, timeout=10)
        self.access_token = ""
        self.refresh_token = ""

    def consent(
        self, decision: str = "approve", vrn: str = VRN, empref: str = EMPREF, **params: str
    ) -> httpx.Response:
        form = {**authorize_params(**params), "decision": decision, "vrn": vrn, "empref": empref}
        return self.http.post("/oauth/authorize", data=form)

    def token(self, **form: str) -> httpx.Response:
        return self.http.post(
            "/oauth/token", data={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **form}
        )

    def code(self, scope: str = "read:vat write:vat", vrn: str = VRN) -> str:
        return redirect_query(self.consent(vrn=vrn, scope=scope))["code"]

    def sign_in(self, scope: str = "read:vat write:vat", vrn: str = VRN) -> HmrcClient:
        """The whole journey: consent, code, tokens."""
        response = self.token(
            grant_type="authorization_code", code=self.code(scope, vrn), redirect_uri=REDIRECT_URI
        )
        assert response.status_code == 200, response.text
        self.access_token = response.json()["access_token"]
        self.refresh_token = response.json()["refresh_token"]
        return self

    def headers(
        self, fraud: dict[str, str] | None = None, scenario: str | None = None
    ) -> dict[str, str]:
        chosen = WEB_APP_VIA_SERVER_HEADERS if fraud is None else fraud
        headers = {"Authorization": f"Bearer {self.access_token}", "Accept": ACCEPT, **chosen}
        if scenario is not None:
            headers["Gov-Test-Scenario"] = scenario
        return headers

    def get(
        self,
        path: str,
        params: dict[str, str] | None = None,
        scenario: str | None = None,
        fraud: dict[str, str] | None = None,
    ) -> httpx.Response:
        return self.http.get(path, params=params, headers=self.headers(fraud, scenario))

    def vat(
        self,
        path: str,
        params: dict[str, str] | None = None,
        scenario: str | None = None,
        vrn: str = VRN,
    ) -> httpx.Response:
        return self.get(f"/organisations/vat/{vrn}/{path}", params, scenario)

    def levy(
        self,
        resource: str = "",
        params: dict[str, str] | None = None,
        empref: str = EMPREF,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """An Apprenticeship Levy API call (no fraud-prevention headers: not an MTD API);
        the employer reference URL-encoded into one path segment, as HMRC asks."""
        path = f"/apprenticeship-levy/epaye/{quote(empref, safe='')}" + resource
        return self.http.get(
            path,
            params=params,
            headers={
                "Authorization": f"Bearer {self.access_token}",
                "Accept": ACCEPT,
                **(headers or {}),
            },
        )

    def submit(
        self,
        body: dict[str, Any] | None = None,
        scenario: str | None = None,
        vrn: str = VRN,
        fraud: dict[str, str] | None = None,
    ) -> httpx.Response:
        return self.http.post(
            f"/organisations/vat/{vrn}/returns",
            json=RETURN_BODY if body is None else body,
            headers=self.headers(fraud, scenario),
        )
