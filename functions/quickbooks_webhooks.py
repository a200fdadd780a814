"""POST /webhooks/quickbooks: QuickBooks Online change notifications.

The body (no larger than functions/body_limit.py lets through) is verified before it is
parsed: `intuit-signature` must be base64(HMAC-SHA256(raw body, the app's verifier token))
— missing or wrong, the answer is 401 and nothing is parsed. Both formats are taken
(CloudEvents and legacy); each change enters once (python_workers/providers/quickbooks/
events.py: repeats of a delivery, or of what CDC polling already found, are ignored) and
queues the realtime runs of the realm's integrations. Intuit wants a quick 200; the runs
happen in the workers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from functions.services import services_of
from python_workers.credentials.store import service_role
from python_workers.providers.quickbooks import events
from python_workers.providers.quickbooks.settings import quickbooks_settings


def signature_valid(body: bytes, signature: str | None, verifier_token: str) -> bool:
    if not signature:
        return False
    digest = hmac.new(verifier_token.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode(), signature.strip())


async def receive(request: Request) -> Response:
    token = quickbooks_settings().webhook_verifier_token
    if token is None:
        return JSONResponse({"error": "QuickBooks webhooks are not configured"}, 503)
    body = await request.body()  # at most PLUGBOARD_FUNCTIONS_MAX_BODY_BYTES (body_limit.py)
    if not signature_valid(body, request.headers.get("intuit-signature"), token.get_secret_value()):
        return JSONResponse({"error": "invalid or missing intuit-signature"}, 401)
    try:
        changes = events.parse_webhook(json.loads(body))
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": "not a QuickBooks notification"}, 400)
    async with services_of(request).pool.connection() as conn, service_role(conn):
        outcome = await events.receive(conn, changes)
    return JSONResponse(
        {"received": outcome["received"], "duplicates": outcome["duplicates"],
         "queued": len(outcome["log_ids"])}
    )  # fmt: skip


ROUTES: list[BaseRoute] = [Route("/webhooks/quickbooks", receive, methods=["POST"])]
