"""HMRC fraud-prevention headers (spec v3.3; specs/hmrc-vat/fraud-prevention), built
to the rules of the connection method a call is made with:

- WEB_APP_VIA_SERVER: a person confirmed the call in their browser (VAT return
  submission). The browser's values come in the run's `client_context` (checked by the
  client action validate_client_context); the vendor's from VendorSettings.
- BATCH_PROCESS_DIRECT: the worker calls on its own (scheduled obligation fetches). The
  values are this machine's: its device id, local IPs and MAC addresses, OS user, time
  zone, OS and hardware.

A value that cannot be had is never made up: building raises FraudDataMissing naming
every missing one, and nothing is sent. Only Gov-Client-Multi-Factor and
Gov-Vendor-License-IDs may be empty, as HMRC allows (single-factor sign-in, no licence).
Structured values are percent-encoded key=value pairs (RFC 3986), as the spec requires.
"""

from __future__ import annotations

import getpass
import hashlib
import platform
import socket
import time
import uuid
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote

import psutil
from pydantic import BaseModel, ConfigDict
from pydantic_settings import BaseSettings, SettingsConfigDict

from python_workers.providers.errors import ProviderError

MACHINE_ID = Path("/etc/machine-id")
DEVICE_NAMESPACE = uuid.UUID("5f1b5b8e-7a0e-4c59-9a59-2f4d1c7a6b11")


class VendorSettings(BaseSettings):
    """The vendor's facts (PLUGBOARD_HMRC_<FIELD>): this deployment of Plugboard."""

    model_config = SettingsConfigDict(env_prefix="PLUGBOARD_HMRC_", extra="ignore")

    product_name: str = "Plugboard"
    vendor_public_ip: str | None = None  # the public IP of the servers the browser talks to
    license_key: str | None = None  # hashed (SHA-256) before it is sent
    device_id: str | None = None  # BATCH: this machine's id; default derived from machine-id
    device_manufacturer: str | None = None  # BATCH: when /sys/class/dmi is not readable
    device_model: str | None = None


class Screen(BaseModel):
    width: int
    height: int
    scaling_factor: float
    colour_depth: int


class WindowSize(BaseModel):
    width: int
    height: int


class Factor(BaseModel):
    type: str
    timestamp: str
    unique_reference: str


class ClientContext(BaseModel):
    """What validate_client_context accepted (see its migration for each member)."""

    model_config = ConfigDict(extra="forbid")

    device_id: str | None = None
    user_agent: str | None = None
    screens: list[Screen] = []
    window_size: WindowSize | None = None
    timezone: str | None = None
    multi_factor: list[Factor] = []
    public_ip: str | None = None
    public_port: int | None = None
    public_ip_timestamp: str | None = None


class FraudDataMissing(ProviderError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            "fraud_prevention_data_missing",
            "HMRC's fraud-prevention headers need values Plugboard does not have: "
            + "; ".join(missing)
            + ". Nothing was sent; Plugboard never makes these values up.",
            {"missing": missing},
        )


def _enc(value: object) -> str:
    return quote(str(value), safe="")


def _pairs(**values: object) -> str:
    return "&".join(f"{_enc(k.replace('_', '-'))}={_enc(v)}" for k, v in values.items())


def _millis(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _vendor(vendor: VendorSettings) -> dict[str, str]:
    licence = (
        f"{_enc(vendor.product_name.lower())}="
        + hashlib.sha256(vendor.license_key.encode()).hexdigest().upper()
        if vendor.license_key
        else ""
    )
    return {
        "Gov-Vendor-License-IDs": licence,
        "Gov-Vendor-Product-Name": _enc(vendor.product_name),
        "Gov-Vendor-Version": _pairs(plugboard=version("plugboard")),
    }


def web_app_via_server(
    context: ClientContext, user_id: str, vendor: VendorSettings
) -> dict[str, str]:
    """Headers for a call a person confirmed in their browser."""
    missing = [
        label
        for label, value in (
            ("the browser's device id (client_context.device_id)", context.device_id),
            ("the browser's user agent (client_context.user_agent)", context.user_agent),
            ("the screens (client_context.screens)", context.screens),
            ("the browser window size (client_context.window_size)", context.window_size),
            ("the browser's time zone (client_context.timezone)", context.timezone),
            ("the browser's public IP (client_context.public_ip)", context.public_ip),
            ("the browser's public port (client_context.public_port)", context.public_port),
            (
                "when the public IP was seen (client_context.public_ip_timestamp)",
                context.public_ip_timestamp,
            ),
            ("the vendor's public IP (PLUGBOARD_HMRC_VENDOR_PUBLIC_IP)", vendor.vendor_public_ip),
        )
        if not value
    ]
    if missing:
        raise FraudDataMissing(missing)
    assert context.window_size is not None and context.public_ip_timestamp is not None
    seen = datetime.fromisoformat(context.public_ip_timestamp.replace("Z", "+00:00"))
    return {
        "Gov-Client-Connection-Method": "WEB_APP_VIA_SERVER",
        "Gov-Client-Browser-JS-User-Agent": str(context.user_agent),
        "Gov-Client-Device-ID": str(context.device_id),
        "Gov-Client-Multi-Factor": ",".join(
            _pairs(type=f.type, timestamp=f.timestamp, unique_reference=f.unique_reference)
            for f in context.multi_factor
        ),
        "Gov-Client-Public-IP": str(context.public_ip),
        "Gov-Client-Public-IP-Timestamp": _millis(seen),
        "Gov-Client-Public-Port": str(context.public_port),
        "Gov-Client-Screens": ",".join(
            _pairs(
                width=s.width,
                height=s.height,
                scaling_factor=f"{s.scaling_factor:g}",
                colour_depth=s.colour_depth,
            )
            for s in context.screens
        ),
        "Gov-Client-Timezone": str(context.timezone),
        "Gov-Client-User-IDs": _pairs(**{vendor.product_name.lower(): user_id}),
        "Gov-Client-Window-Size": _pairs(
            width=context.window_size.width, height=context.window_size.height
        ),
        "Gov-Vendor-Forwarded": _pairs(by=vendor.vendor_public_ip, **{"for": context.public_ip}),
        "Gov-Vendor-Public-IP": str(vendor.vendor_public_ip),
        **_vendor(vendor),
    }


def batch_process_direct(vendor: VendorSettings) -> dict[str, str]:
    """Headers for a call the worker makes on its own, from this machine's facts."""
    addresses = psutil.net_if_addrs()
    ips = sorted(
        {
            a.address.split("%")[0]
            for entries in addresses.values()
            for a in entries
            if a.family in (socket.AF_INET, socket.AF_INET6)
        }
    )
    macs = sorted(
        {
            a.address.lower()
            for entries in addresses.values()
            for a in entries
            if a.family == psutil.AF_LINK and a.address and a.address != "00:00:00:00:00:00"
        }
    )
    manufacturer = vendor.device_manufacturer or _dmi("sys_vendor")
    model = vendor.device_model or _dmi("product_name")
    device_id = vendor.device_id or _machine_device_id()
    missing = [
        label
        for label, value in (
            ("this machine's device id (/etc/machine-id or PLUGBOARD_HMRC_DEVICE_ID)", device_id),
            ("this machine's local IP addresses", ips),
            ("this machine's MAC addresses", macs),
            (
                "the device manufacturer (/sys/class/dmi or PLUGBOARD_HMRC_DEVICE_MANUFACTURER)",
                manufacturer,
            ),
            ("the device model (/sys/class/dmi or PLUGBOARD_HMRC_DEVICE_MODEL)", model),
        )
        if not value
    ]
    if missing:
        raise FraudDataMissing(missing)
    offset = -time.altzone if time.daylight and time.localtime().tm_isdst else -time.timezone
    sign = "+" if offset >= 0 else "-"
    return {
        "Gov-Client-Connection-Method": "BATCH_PROCESS_DIRECT",
        "Gov-Client-Device-ID": str(device_id),
        "Gov-Client-Local-IPs": ",".join(_enc(ip) for ip in ips),
        "Gov-Client-Local-IPs-Timestamp": _millis(datetime.now(UTC)),
        "Gov-Client-MAC-Addresses": ",".join(_enc(mac) for mac in macs),
        "Gov-Client-Timezone": f"UTC{sign}{abs(offset) // 3600:02d}:{abs(offset) % 3600 // 60:02d}",
        "Gov-Client-User-Agent": _pairs(
            os_family=platform.system(),
            os_version=platform.release(),
            device_manufacturer=manufacturer,
            device_model=model,
        ),
        "Gov-Client-User-IDs": _pairs(os=getpass.getuser()),
        **_vendor(vendor),
    }


def _dmi(name: str) -> str | None:
    try:
        return (Path("/sys/class/dmi/id") / name).read_text().strip() or None
    except OSError:
        return None


def _machine_device_id() -> str | None:
    """A stable id for this machine: a UUID derived from /etc/machine-id."""
    try:
        machine = MACHINE_ID.read_text().strip()
    except OSError:
        return None
    return str(uuid.uuid5(DEVICE_NAMESPACE, machine)) if machine else None
