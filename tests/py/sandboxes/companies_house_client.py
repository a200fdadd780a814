"""A thin test client for the Companies House sandbox: API key as the Basic username."""

from __future__ import annotations

from typing import Any

import httpx

from sandboxes.common.server import RunningSandbox

API_KEY = "5f0c2e4c-1b7a-4d0e-9a51-3c7e2f9d8b10"
OTHER_KEY = "a3d9e8f1-6c2b-4f7a-8e15-9b4d3c2a1f06"


class CompaniesHouseClient:
    def __init__(self, sandbox: RunningSandbox, api_key: str = API_KEY) -> None:
        self.http = httpx.Client(base_url=sandbox.base_url, auth=(api_key, ""), timeout=10)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(path, **kwargs)

    def json(self, path: str, **params: Any) -> dict[str, Any]:
        response = self.http.get(path, params=params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body
