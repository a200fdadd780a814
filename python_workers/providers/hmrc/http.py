"""HMRC's API platform over httpx, shared by every HMRC API Plugboard calls (MTD VAT,
Apprenticeship Levy): the versioned Accept header, the project's bearer token from the
credential accessor with one refresh after a 401 (python_workers/credentials: single-flight;
invalid_grant marks the connection Expired), and HMRC's answers mapped to ProviderErrors
(429 RateLimited, 5xx ProviderUnavailable, other 4xx HmrcRefused under HMRC's own code).
A 401 INVALID_SCOPE is a refusal, not a dead token: no refresh is tried for it. The token
is never logged or put into an error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import ValidationError

from python_workers.credentials.errors import CredentialRejected
from python_workers.credentials.retry import call_with_credential
from python_workers.providers.contract import ActionContext, Credential, CredentialAccessor
from python_workers.providers.errors import ProviderError, ProviderUnavailable, RateLimited
from python_workers.providers.hmrc.models import ErrorResponse
from python_workers.providers.hmrc.settings import HmrcConfig

ACCEPT = "application/vnd.hmrc.1.0+json"
NOT_A_DEAD_TOKEN = frozenset({"INVALID_SCOPE"})


class HmrcRefused(ProviderError):
    """HMRC answered 4xx with its error body; `status` is the HTTP status. The code is the
    most specific HMRC gave: a nested errors[0].code before the envelope's (a duplicate
    return is 403 BUSINESS_ERROR with errors[0].code DUPLICATE_SUBMISSION)."""

    def __init__(self, status: int, error: ErrorResponse) -> None:
        specific = error.errors[0] if error.errors else error
        super().__init__(
            specific.code,
            specific.message or error.message or f"HMRC refused the call ({specific.code})",
            {
                "status": status,
                "hmrc_code": error.code,
                "errors": [e.model_dump(exclude_none=True) for e in error.errors],
            },
        )
        self.status = status
        self.error = error


@dataclass(frozen=True)
class HmrcHttp:
    http: httpx.AsyncClient
    base_url: str
    credentials: CredentialAccessor

    async def send(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        """The answer to one call (any status but a 401 for a token HMRC no longer takes)."""

        async def attempt(credential: Credential) -> httpx.Response:
            if not credential.access_token:
                raise ProviderError("credential_missing", "HMRC is not connected: connect it first")
            all_headers = {
                "Accept": ACCEPT,
                "Authorization": f"Bearer {credential.access_token}",
                **(headers or {}),
            }
            try:
                response = await self.http.request(
                    method, self.base_url + path, headers=all_headers, **kwargs
                )
            except httpx.TransportError as error:
                raise ProviderUnavailable("HMRC", None) from error
            if response.status_code == 401 and error_of(response).code not in NOT_A_DEAD_TOKEN:
                raise CredentialRejected("HMRC")
            return response

        return await call_with_credential(self.credentials, attempt)


def hmrc_http(ctx: ActionContext) -> HmrcHttp:
    return HmrcHttp(ctx.http, HmrcConfig().hmrc_base_url, ctx.credentials)


def error_of(response: httpx.Response) -> ErrorResponse:
    try:
        return ErrorResponse.model_validate_json(response.content)
    except ValidationError:
        return ErrorResponse(code=f"http_{response.status_code}", message="HMRC refused the call")


def ok(response: httpx.Response) -> httpx.Response:
    """The response when HMRC accepted the call, else the matching ProviderError."""
    if response.status_code in (200, 201):
        return response
    if response.status_code == 429:
        retry = response.headers.get("retry-after", "1")
        raise RateLimited(float(retry) if retry.isdigit() else 1.0, "HMRC")
    if response.status_code >= 500:
        raise ProviderUnavailable("HMRC", response.status_code)
    raise HmrcRefused(response.status_code, error_of(response))
