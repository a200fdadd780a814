"""HMRC's fraud-prevention headers for a call a person confirmed in their browser
(WEB_APP_VIA_SERVER): built from what the browser reported, encoded as HMRC specifies, and
never made up: a missing value stops the call, naming what is missing."""

from __future__ import annotations

import pytest

from python_workers.providers.hmrc.fraud_headers import (
    ClientContext,
    FraudDataMissing,
    VendorSettings,
    web_app_via_server,
)

BROWSER = ClientContext.model_validate(
    {
        "device_id": "beec798b-b366-47fa-b1f8-92cede14a1ce",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64)",
        "screens": [{"width": 1920, "height": 1080, "scaling_factor": 1.5, "colour_depth": 24}],
        "window_size": {"width": 1256, "height": 803},
        "timezone": "UTC+01:00",
        "public_ip": "198.51.100.7",
        "public_port": 59211,
        "public_ip_timestamp": "2026-12-04T08:15:30.123456+00:00",
        "multi_factor": [
            {"type": "TOTP", "timestamp": "2026-12-04T08:10Z", "unique_reference": "a b"}
        ],
    }
)
VENDOR = VendorSettings(vendor_public_ip="203.0.113.9", license_key="LICENCE-1")


def test_the_browsers_values_are_sent_encoded_as_hmrc_specifies() -> None:
    headers = web_app_via_server(BROWSER, "user-42", VENDOR)
    assert headers["Gov-Client-Connection-Method"] == "WEB_APP_VIA_SERVER"
    assert headers["Gov-Client-Screens"] == (
        "width=1920&height=1080&scaling-factor=1.5&colour-depth=24"
    )
    assert headers["Gov-Client-Window-Size"] == "width=1256&height=803"
    assert headers["Gov-Client-Public-IP-Timestamp"] == "2026-12-04T08:15:30.123Z"
    assert headers["Gov-Client-Multi-Factor"] == (
        "type=TOTP&timestamp=2026-12-04T08%3A10Z&unique-reference=a%20b"
    )
    assert headers["Gov-Client-User-IDs"] == "plugboard=user-42"
    assert headers["Gov-Vendor-Forwarded"] == "by=203.0.113.9&for=198.51.100.7"


def test_the_licence_key_is_sent_only_as_its_hash() -> None:
    licence = web_app_via_server(BROWSER, "user-42", VENDOR)["Gov-Vendor-License-IDs"]
    assert licence.startswith("plugboard=") and "LICENCE-1" not in licence
    assert len(licence.removeprefix("plugboard=")) == 64


def test_missing_browser_values_stop_the_call_and_are_each_named() -> None:
    partial = BROWSER.model_copy(update={"public_port": None, "screens": []})
    with pytest.raises(FraudDataMissing) as missing:
        web_app_via_server(partial, "user-42", VendorSettings(vendor_public_ip=None))
    assert missing.value.code == "fraud_prevention_data_missing"
    assert missing.value.details["missing"] == [
        "the screens (client_context.screens)",
        "the browser's public port (client_context.public_port)",
        "the vendor's public IP (PLUGBOARD_HMRC_VENDOR_PUBLIC_IP)",
    ]
    assert "never makes these values up" in missing.value.message
