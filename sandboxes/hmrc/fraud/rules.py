"""Which headers each connection method must send, and how each header's value is checked.

WEB_APP_VIA_SERVER follows specs/hmrc-vat/fraud-prevention (spec v3.3);
BATCH_PROCESS_DIRECT follows HMRC's own page for it in the same specification source
(hmrc/txm-fph-specification, connection-method/batch-process-direct). Where the derived
YAML and that source disagree the source wins: it asks for at least two Gov-Vendor-Version
pairs only of *_VIA_SERVER methods other than WEB_APP_VIA_SERVER (desktop, mobile, other),
so one pair is accepted here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sandboxes.hmrc.fraud.values import (
    SERVER_PORTS,
    Malformed,
    Problem,
    encoded_list,
    ip_problems,
    is_percent_encoded,
    key_values,
    list_of_key_values,
    mac_problems,
    positive_int,
    positive_number,
    timestamp_problems,
    timezone_problems,
    uuid_problems,
)

Headers = Mapping[str, str]  # lower-case names
Check = Callable[[str, Headers, "ConnectionMethod"], list[Problem]]


@dataclass(frozen=True)
class ConnectionMethod:
    name: str
    headers: tuple[str, ...]
    os_user_id: bool  # Gov-Client-User-IDs carries the device's `os` user


WEB_APP_VIA_SERVER = ConnectionMethod(
    "WEB_APP_VIA_SERVER",
    (
        "gov-client-connection-method",
        "gov-client-browser-js-user-agent",
        "gov-client-device-id",
        "gov-client-multi-factor",
        "gov-client-public-ip",
        "gov-client-public-ip-timestamp",
        "gov-client-public-port",
        "gov-client-screens",
        "gov-client-timezone",
        "gov-client-user-ids",
        "gov-client-window-size",
        "gov-vendor-forwarded",
        "gov-vendor-license-ids",
        "gov-vendor-product-name",
        "gov-vendor-public-ip",
        "gov-vendor-version",
    ),
    os_user_id=False,
)
BATCH_PROCESS_DIRECT = ConnectionMethod(
    "BATCH_PROCESS_DIRECT",
    (
        "gov-client-connection-method",
        "gov-client-device-id",
        "gov-client-local-ips",
        "gov-client-local-ips-timestamp",
        "gov-client-mac-addresses",
        "gov-client-timezone",
        "gov-client-user-agent",
        "gov-client-user-ids",
        "gov-vendor-license-ids",
        "gov-vendor-product-name",
        "gov-vendor-version",
    ),
    os_user_id=True,
)
CONNECTION_METHODS = {m.name: m for m in (WEB_APP_VIA_SERVER, BATCH_PROCESS_DIRECT)}
# "If you cannot collect a value" is expected for these: empty is a warning, not an error.
MAY_BE_EMPTY = frozenset({"gov-client-multi-factor", "gov-vendor-license-ids"})
MFA_TYPES = frozenset({"TOTP", "AUTH_CODE", "OTHER"})
USER_AGENT_KEYS = ("os-family", "os-version", "device-manufacturer", "device-model")


def structured(inspect: Callable[[str, Headers, ConnectionMethod], list[Problem]]) -> Check:
    """`inspect` with unreadable (not key=value, not percent-encoded) values reported."""

    def check(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
        try:
            return inspect(value, headers, method)
        except Malformed as malformed:
            return [Problem(str(malformed))]

    return check


def _any_text(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return []


def _device_id(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return uuid_problems(value)


def _multi_factor(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    problems: list[Problem] = []
    for factor in list_of_key_values(value):
        if factor.get("type") not in MFA_TYPES:
            problems.append(Problem("type must be one of TOTP, AUTH_CODE or OTHER"))
        problems += timestamp_problems(factor.get("timestamp", ""), milliseconds=False)
        if not factor.get("unique-reference"):
            problems.append(Problem("unique-reference is required for every factor"))
    return problems


def _public_ip(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return ip_problems(value, public=True)


def _precise_timestamp(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return timestamp_problems(value, milliseconds=True)


def _public_port(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        return [Problem("Value must be a port number between 1 and 65535")]
    if int(value) in SERVER_PORTS:
        return [Problem("Value must be the client's port, not a server port such as 80 or 443")]
    return []


def _screens(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    problems: list[Problem] = []
    for screen in list_of_key_values(value):
        if not (positive_int(screen.get("width", "")) and positive_int(screen.get("height", ""))):
            problems.append(Problem("width and height must be positive whole numbers"))
        if not positive_number(screen.get("scaling-factor", "")):
            problems.append(Problem("scaling-factor must be a positive number"))
        if not positive_int(screen.get("colour-depth", "")):
            problems.append(Problem("colour-depth must be a positive whole number"))
    return problems


def _timezone(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return timezone_problems(value)


def _user_ids(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    ids = key_values(value)
    problems = [Problem(f"'{key}' has no value") for key, item in ids.items() if not item]
    if method.os_user_id and "os" not in ids:
        problems.append(Problem("The os key with the device's signed-in user is required"))
    return problems


def _window_size(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    size = key_values(value)
    if not (positive_int(size.get("width", "")) and positive_int(size.get("height", ""))):
        return [Problem("width and height must be positive whole numbers")]
    return []


def _vendor_forwarded(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    hops = list_of_key_values(value)
    problems: list[Problem] = []
    for hop in hops:
        if "by" not in hop or "for" not in hop:
            problems.append(Problem("Every hop needs by=<server IP>&for=<sender IP>"))
            continue
        problems += ip_problems(hop["by"], public=False) + ip_problems(hop["for"], public=False)
    first = hops[0]
    # The first hop runs from the client's device to the vendor's public address.
    if headers.get("gov-client-public-ip") not in (None, first.get("for")):
        problems.append(Problem("The first hop's for must be Gov-Client-Public-IP"))
    if headers.get("gov-vendor-public-ip") not in (None, first.get("by")):
        problems.append(Problem("The first hop's by must be Gov-Vendor-Public-IP"))
    return problems


def _key_values(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    pairs = key_values(value)
    return [Problem(f"'{key}' has no value") for key, item in pairs.items() if not item]


def _product_name(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return [] if is_percent_encoded(value) else [Problem("Value must be percent-encoded")]


def _local_ips(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return [p for ip in encoded_list(value) for p in ip_problems(ip, public=False)]


def _mac_addresses(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    return [p for mac in encoded_list(value) for p in mac_problems(mac)]


def _user_agent(value: str, headers: Headers, method: ConnectionMethod) -> list[Problem]:
    agent = key_values(value)
    return [Problem(f"{key} is required") for key in USER_AGENT_KEYS if not agent.get(key)]


CHECKS: dict[str, Check] = {
    "gov-client-browser-js-user-agent": _any_text,
    "gov-client-device-id": _device_id,
    "gov-client-multi-factor": structured(_multi_factor),
    "gov-client-public-ip": _public_ip,
    "gov-client-public-ip-timestamp": _precise_timestamp,
    "gov-client-public-port": _public_port,
    "gov-client-screens": structured(_screens),
    "gov-client-timezone": _timezone,
    "gov-client-user-ids": structured(_user_ids),
    "gov-client-window-size": structured(_window_size),
    "gov-vendor-forwarded": structured(_vendor_forwarded),
    "gov-vendor-license-ids": structured(_key_values),
    "gov-vendor-product-name": _product_name,
    "gov-vendor-public-ip": _public_ip,
    "gov-vendor-version": structured(_key_values),
    "gov-client-local-ips": structured(_local_ips),
    "gov-client-local-ips-timestamp": _precise_timestamp,
    "gov-client-mac-addresses": structured(_mac_addresses),
    "gov-client-user-agent": structured(_user_agent),
}
