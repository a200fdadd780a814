"""A thin test client for the QuickBooks sandbox: tokens from /_sandbox/tokens, realm URLs."""

from __future__ import annotations

from typing import Any

import httpx

from sandboxes.common.server import RunningSandbox
from sandboxes.quickbooks.state import GB_REALM


class QuickBooksClient:
    def __init__(self, sandbox: RunningSandbox, realm: str = GB_REALM) -> None:
        self.sandbox = sandbox
        self.realm = realm
        self.http = httpx.Client(base_url=sandbox.base_url, timeout=10)
        tokens = self.http.post("/_sandbox/tokens", json={"realm_id": realm}).json()
        self.access_token: str = tokens["access_token"]
        self.refresh_token: str = tokens["refresh_token"]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}", "Accept": "application/json"}

    def url(self, path: str) -> str:
        return f"/v3/company/{self.realm}/{path}"

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.auth, **kwargs.pop("headers", {})}
        return self.http.get(self.url(path), headers=headers, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        headers = {**self.auth, **kwargs.pop("headers", {})}
        return self.http.post(self.url(path), json=body, headers=headers, **kwargs)

    def query(self, text: str) -> dict[str, Any]:
        response = self.get("query", params={"query": text})
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()["QueryResponse"]
        return result

    def read(self, entity: str, entity_id: str) -> dict[str, Any]:
        response = self.get(f"{entity.lower()}/{entity_id}")
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()[entity]
        return found

    def create(self, entity: str, body: dict[str, Any], **params: str) -> dict[str, Any]:
        response = self.post(entity.lower(), body, params=params)
        assert response.status_code == 200, response.text
        created: dict[str, Any] = response.json()[entity]
        return created


def fault_of(response: httpx.Response) -> dict[str, Any]:
    """The single Error of an Intuit Fault response."""
    error: dict[str, Any] = response.json()["Fault"]["Error"][0]
    return error


def expense_line(amount: float, account_id: str = "25") -> dict[str, Any]:
    return {
        "Amount": amount,
        "DetailType": "AccountBasedExpenseLineDetail",
        "AccountBasedExpenseLineDetail": {"AccountRef": {"value": account_id}},
    }


def sales_line(amount: float) -> dict[str, Any]:
    return {"Amount": amount, "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {}}
