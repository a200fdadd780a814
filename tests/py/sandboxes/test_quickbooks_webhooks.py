"""Webhooks: each change is POSTed, signed with intuit-signature, in the CloudEvents
format or (as an option) the legacy eventNotifications format."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator

import jsonschema
import pytest
import yaml

from sandboxes.common.specs import SPECS_DIR
from sandboxes.testing import configure_sandbox, sandbox_counters
from tests.py.sandboxes.quickbooks_client import QuickBooksClient, expense_line
from tests.py.sandboxes.webhook_receiver import WebhookReceiver

VERIFIER = "sandbox-verifier-token"
ASYNCAPI = SPECS_DIR / "quickbooks-online/community/api-evangelist/quickbooks-webhooks.yml"


@pytest.fixture
def receiver(qbo: QuickBooksClient) -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as running:
        configure_sandbox(qbo.sandbox, webhook_urls=[running.url])
        yield running


def events(receiver: WebhookReceiver, count: int) -> list[dict[str, object]]:
    """The CloudEvents received once `count` of them have arrived."""
    deadline = time.monotonic() + 5
    found: list[dict[str, object]] = []
    while len(found) < count and time.monotonic() < deadline:
        found = [e for n in receiver.received for e in json.loads(n.body)]
        time.sleep(0.02)
    return found


def test_create_posts_a_signed_cloudevent(qbo: QuickBooksClient, receiver: WebhookReceiver) -> None:
    vendor = qbo.create("Vendor", {"DisplayName": "Hooked Ltd"})
    [notification] = receiver.wait_for(1)
    expected = base64.b64encode(
        hmac.new(VERIFIER.encode(), notification.body, hashlib.sha256).digest()
    )
    assert notification.headers["intuit-signature"] == expected.decode()
    assert notification.headers["content-type"] == "application/json"
    [event] = json.loads(notification.body)
    assert event["specversion"] == "1.0" and event["type"] == "qbo.vendor.created.v1"
    assert event["intuitentityid"] == vendor["Id"] and event["intuitaccountid"] == qbo.realm
    assert event["source"].startswith("intuit.") and event["id"] and event["time"]
    assert event["datacontenttype"] == "application/json" and event["data"] == {}


def test_update_and_delete_are_announced(qbo: QuickBooksClient, receiver: WebhookReceiver) -> None:
    bill = qbo.create("Bill", {"VendorRef": {"value": "1"}, "Line": [expense_line(8)]})
    qbo.post("bill", {"Id": bill["Id"], "SyncToken": "0", "sparse": True, "PrivateNote": "n"})
    qbo.post("bill", {"Id": bill["Id"], "SyncToken": "1"}, params={"operation": "delete"})
    types = [e["type"] for e in events(receiver, 3)]
    assert types == ["qbo.bill.created.v1", "qbo.bill.updated.v1", "qbo.bill.deleted.v1"]


def test_changes_close_together_share_one_notification(
    qbo: QuickBooksClient, receiver: WebhookReceiver
) -> None:
    items = [
        {"bId": str(i), "operation": "create", "Vendor": {"DisplayName": f"Bulk {i}"}}
        for i in range(3)
    ]
    qbo.post("batch", {"BatchItemRequest": items})
    [notification] = receiver.wait_for(1)
    assert len(json.loads(notification.body)) == 3


def test_legacy_format_is_an_option(qbo: QuickBooksClient, receiver: WebhookReceiver) -> None:
    configure_sandbox(qbo.sandbox, webhook_format="legacy")
    vendor = qbo.create("Vendor", {"DisplayName": "Legacy Ltd"})
    [notification] = receiver.wait_for(1)
    body = json.loads(notification.body)
    [realm_events] = body["eventNotifications"]
    assert realm_events["realmId"] == qbo.realm
    [entity] = realm_events["dataChangeEvent"]["entities"]
    assert entity["name"] == "Vendor" and entity["id"] == vendor["Id"]
    assert entity["operation"] == "Create" and entity["lastUpdated"]


def test_signature_uses_the_configured_verifier_token(
    qbo: QuickBooksClient, receiver: WebhookReceiver
) -> None:
    configure_sandbox(qbo.sandbox, webhook_verifier_token="another-token")
    qbo.create("Vendor", {"DisplayName": "Signed Ltd"})
    [notification] = receiver.wait_for(1)
    digest = hmac.new(b"another-token", notification.body, hashlib.sha256).digest()
    assert notification.headers["intuit-signature"] == base64.b64encode(digest).decode()


def test_failed_deliveries_are_retried_then_counted(qbo: QuickBooksClient) -> None:
    with WebhookReceiver(status=500) as failing:
        configure_sandbox(qbo.sandbox, webhook_urls=[failing.url])
        qbo.create("Vendor", {"DisplayName": "Unlucky Ltd"})
        assert len(failing.wait_for(3)) == 3
        deadline = time.monotonic() + 5
        while (
            "webhooks_failed" not in sandbox_counters(qbo.sandbox) and time.monotonic() < deadline
        ):
            time.sleep(0.05)
    assert sandbox_counters(qbo.sandbox)["webhooks_failed"] == 1


def test_no_urls_no_notifications(qbo: QuickBooksClient) -> None:
    with WebhookReceiver() as unregistered:
        qbo.create("Vendor", {"DisplayName": "Quiet Ltd"})
        time.sleep(0.2)
        assert unregistered.received == []


def test_legacy_payload_matches_the_published_asyncapi_schema(
    qbo: QuickBooksClient, receiver: WebhookReceiver
) -> None:
    configure_sandbox(qbo.sandbox, webhook_format="legacy")
    bill = qbo.create("Bill", {"VendorRef": {"value": "1"}, "Line": [expense_line(8)]})
    receiver.wait_for(1)
    qbo.post("bill", {"Id": bill["Id"], "SyncToken": "0"}, params={"operation": "delete"})
    notifications = receiver.wait_for(2)
    assert len(notifications) == 2
    spec = yaml.safe_load(ASYNCAPI.read_text())
    schema = {**spec["components"]["schemas"]["WebhookPayload"], "components": spec["components"]}
    for notification in notifications:
        jsonschema.validate(json.loads(notification.body), schema)


def test_company_info_changes_are_not_announced(
    qbo: QuickBooksClient, receiver: WebhookReceiver
) -> None:
    qbo.post("companyinfo", {"Id": "1", "SyncToken": "0", "sparse": True, "LegalName": "New Ltd"})
    qbo.create("Vendor", {"DisplayName": "After Info Ltd"})
    assert [e["type"] for e in events(receiver, 1)] == ["qbo.vendor.created.v1"]
