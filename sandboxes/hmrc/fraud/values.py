"""Checks of single header values against the formats in HMRC's fraud-prevention spec.

Each check returns a list of problems, empty when the value is fine. Structured values are
lists (`,`) of key-value data (`k=v&k=v`) whose keys and values must be percent-encoded
(RFC 3986 section 2.1) with the separators left as they are.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

_ENCODED = re.compile(r"(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})*")
_MILLISECOND_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
_MINUTE_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z")
_TIMEZONE = re.compile(r"UTC[+-](\d{2}):(\d{2})")
_MAC = re.compile(r"(?:[0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")
SERVER_PORTS = frozenset({80, 443})
# Addresses that cannot be a device's or server's public address. The documentation ranges
# (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) count as public: HMRC's own examples use them.
NOT_PUBLIC = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)


@dataclass(frozen=True)
class Problem:
    message: str
    serious: bool = True  # False: a warning (potentially invalid), True: an error


class Malformed(ValueError):
    """A structured value that cannot be read."""


def is_percent_encoded(text: str) -> bool:
    return _ENCODED.fullmatch(text) is not None


def key_values(value: str) -> dict[str, str]:
    """`k=v&k2=v2` as a dict of decoded keys and values."""
    pairs: dict[str, str] = {}
    for part in value.split("&"):
        key, equals, item = part.partition("=")
        if not equals or not key:
            raise Malformed(f"'{part}' is not a key=value pair")
        if not (is_percent_encoded(key) and is_percent_encoded(item)):
            raise Malformed(f"'{part}' is not percent-encoded")
        pairs[unquote(key)] = unquote(item)
    return pairs


def list_of_key_values(value: str) -> list[dict[str, str]]:
    return [key_values(entry) for entry in value.split(",")]


def encoded_list(value: str) -> list[str]:
    """A comma-separated list of percent-encoded items, decoded."""
    items = value.split(",")
    if not all(item and is_percent_encoded(item) for item in items):
        raise Malformed("every list item must be non-empty and percent-encoded")
    return [unquote(item) for item in items]


def ip_problems(text: str, *, public: bool) -> list[Problem]:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return [Problem(f"'{text}' is not an IP address")]
    special = address.is_loopback or address.is_link_local or address.is_unspecified
    if public and (special or address.is_multicast or any(address in n for n in NOT_PUBLIC)):
        return [Problem(f"'{text}' is not a public IP address")]
    return []


def timestamp_problems(text: str, *, milliseconds: bool) -> list[Problem]:
    pattern = _MILLISECOND_TIMESTAMP if milliseconds else _MINUTE_TIMESTAMP
    shape = "yyyy-MM-ddThh:mm:ss.sssZ" if milliseconds else "yyyy-MM-ddThh:mmZ"
    if pattern.fullmatch(text) is None:
        return [Problem(f"Timestamp must be a UTC timestamp in the format {shape}")]
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return [Problem(f"'{text}' is not a real date and time")]
    return []


def timezone_problems(text: str) -> list[Problem]:
    match = _TIMEZONE.fullmatch(text)
    if match is None or int(match[1]) > 14 or int(match[2]) >= 60:
        return [Problem("Value must be a timezone in the format UTC±hh:mm")]
    return []


def uuid_problems(text: str) -> list[Problem]:
    try:
        uuid.UUID(text)
    except ValueError:
        return [Problem("Value must be a UUID")]
    return []


def mac_problems(text: str) -> list[Problem]:
    return [] if _MAC.fullmatch(text) else [Problem(f"'{text}' is not a MAC address")]


def positive_int(text: str) -> bool:
    return text.isdigit() and int(text) > 0


def positive_number(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False
