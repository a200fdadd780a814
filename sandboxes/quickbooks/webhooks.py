"""Webhook notifications: every committed change is POSTed to the registered URLs, signed
with `intuit-signature` = base64(HMAC-SHA256(raw body, verifier token)).

Format "cloudevents" (Intuit's current one): a JSON array of CloudEvents 1.0 with
type qbo.<entity>.<created|updated|deleted>.v1, intuitentityid and intuitaccountid (the
realm). Format "legacy": {"eventNotifications": [{"realmId", "dataChangeEvent": {"entities":
[{"name", "id", "operation", "lastUpdated"}]}}]}. Like Intuit, changes that happen close
together are sent in one notification; deliveries that fail are retried a few times.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sandboxes.quickbooks.clock import intuit_time
from sandboxes.quickbooks.config import QuickBooksConfig

if TYPE_CHECKING:
    import httpx

GATHER_SECONDS = 0.05
ATTEMPTS = 3
PAST_TENSE = {"Create": "created", "Update": "updated", "Delete": "deleted"}


@dataclass(frozen=True)
class Change:
    realm_id: str
    entity: str
    entity_id: str
    operation: str
    when: datetime


def sign(body: bytes, verifier_token: str) -> str:
    digest = hmac.new(verifier_token.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def cloudevents_body(changes: list[Change], source: str) -> list[dict[str, Any]]:
    return [
        {
            "specversion": "1.0",
            "id": str(uuid.uuid4()),
            "source": source,
            "type": f"qbo.{change.entity.lower()}.{PAST_TENSE[change.operation]}.v1",
            "datacontenttype": "application/json",
            "time": intuit_time(change.when),
            "intuitentityid": change.entity_id,
            "intuitaccountid": change.realm_id,
            "data": {},
        }
        for change in changes
    ]


def legacy_body(changes: list[Change]) -> dict[str, Any]:
    realms: dict[str, list[dict[str, str]]] = {}
    for change in changes:
        realms.setdefault(change.realm_id, []).append(
            {
                "name": change.entity,
                "id": change.entity_id,
                "operation": change.operation,
                "lastUpdated": intuit_time(change.when),
            }
        )
    return {
        "eventNotifications": [
            {"realmId": realm, "dataChangeEvent": {"entities": entities}}
            for realm, entities in realms.items()
        ]
    }


class WebhookSender:
    """Gathers changes and delivers them in the background on the server's event loop."""

    def __init__(self, config: Callable[[], QuickBooksConfig], count: Callable[[str], None]):
        self._config = config
        self._count = count
        self._pending: list[Change] = []
        self._flush: asyncio.Task[None] | None = None
        self.deliveries: list[dict[str, Any]] = []

    def clear(self) -> None:
        self._pending.clear()
        self.deliveries.clear()

    def notify(self, change: Change) -> None:
        if not self._config().webhook_urls:
            return
        self._pending.append(change)
        if self._flush is None or self._flush.done():
            self._flush = asyncio.get_running_loop().create_task(self._deliver_soon())

    async def _deliver_soon(self) -> None:
        while self._pending:
            await asyncio.sleep(GATHER_SECONDS)
            changes, self._pending = self._pending, []
            await self._deliver(changes)

    async def _deliver(self, changes: list[Change]) -> None:
        config = self._config()
        if config.webhook_format == "cloudevents":
            source = (
                "intuit."
                + base64.b64encode(hashlib.sha256(config.client_id.encode()).digest()).decode()
            )
            payload: Any = cloudevents_body(changes, source)
        else:
            payload = legacy_body(changes)
        body = json.dumps(payload).encode()
        headers = {
            "content-type": "application/json",
            "intuit-signature": sign(body, config.webhook_verifier_token.get_secret_value()),
        }
        # Imported on first delivery: httpx pulls in its CLI (rich, click), ~0.5 s at start.
        import httpx

        async with httpx.AsyncClient(timeout=10) as client:
            await asyncio.gather(
                *(
                    self._post(client, url, body, headers, len(changes))
                    for url in config.webhook_urls
                )
            )

    async def _post(
        self, client: httpx.AsyncClient, url: str, body: bytes, headers: dict[str, str], events: int
    ) -> None:
        import httpx

        status: int | None = None
        for attempt in range(1, ATTEMPTS + 1):
            try:
                status = (await client.post(url, content=body, headers=headers)).status_code
            except httpx.HTTPError:
                status = None
            if status is not None and status < 300:
                break
            await asyncio.sleep(0.1 * attempt)
        delivered = status is not None and status < 300
        self._count("webhooks_delivered" if delivered else "webhooks_failed")
        self.deliveries.append(
            {"url": url, "status": status, "events": events, "delivered": delivered,
             "body": json.loads(body)}
        )  # fmt: skip
