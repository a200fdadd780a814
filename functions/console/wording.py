"""Words for people instead of stored values: trigger and status names, and a history row's
before / after as text ("Off → On", "Schedule 0 6 * * * → Schedule 0 7 * * *"), never JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TRIGGER_NAMES = {
    "on_manual": "Manual (Sync now)", "on_schedule": "Schedule",
    "on_status_change": "When a status changes", "on_link": "When a record is linked",
    "realtime": "As changes happen",
}  # fmt: skip
STATUS_NAMES = {
    "pending": "Pending", "in_progress": "Running", "success": "Success",
    "partial_success": "Partly done", "failed": "Failed",
    "connected": "Connected", "disconnected": "Disconnected", "error": "Error",
    "expired": "Expired",
}  # fmt: skip
FIELD_NAMES = {
    "vrn": "VAT registration number", "utr": "Corporation Tax UTR",
    "employer_paye_reference": "Employer PAYE reference",
    "accounts_office_reference": "Accounts Office reference", "scopes": "Scopes",
}  # fmt: skip


def trigger_name(trigger: str | None) -> str:
    return TRIGGER_NAMES.get(trigger or "", trigger or "—")


def status_name(status: str | None) -> str:
    return STATUS_NAMES.get(status or "", (status or "—").replace("_", " ").capitalize())


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value) or "—"
    if isinstance(value, Mapping):
        return ", ".join(f"{key} {_value(item)}" for key, item in value.items()) or "—"
    return str(value)


def trigger_text(trigger: str | None, config: Mapping[str, Any] | None) -> str:
    """A trigger as people say it: "Schedule 0 6 * * *", "When a status changes (invoices:
    status paid)"; a null trigger is the feature's default."""
    if trigger is None:
        return "Default"
    config = config or {}
    if trigger == "on_schedule":
        return f"Schedule {config.get('schedule', '')}".strip()
    watched = ", ".join(
        part for part in (
            str(config.get("entity") or ""),
            _value(config["filter"]) if config.get("filter") else "",
        ) if part
    )  # fmt: skip
    return f"{trigger_name(trigger)} ({watched})" if watched else trigger_name(trigger)


def _side(state: Mapping[str, Any] | None, key: str) -> str:
    state = state or {}
    if key == "is_enabled":
        return "—" if state.get(key) is None else ("On" if state[key] else "Off")
    if key == "status":
        return status_name(state.get(key))
    if key == "trigger":
        if "trigger_type" not in state:
            return "—"
        return trigger_text(state.get("trigger_type"), state.get("trigger_config"))
    return _value(state.get(key))


def change_text(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> str:
    """A history row's change: one "before → after" per changed fact, joined by "; "."""
    keys = [*(before or {}), *(key for key in (after or {}) if key not in (before or {}))]
    facts: list[str] = []
    for key in keys:
        if key == "trigger_config":
            continue  # told with trigger_type
        fact = "trigger" if key == "trigger_type" else key
        label = "" if fact in ("is_enabled", "status", "trigger") else FIELD_NAMES.get(key, key)
        text = f"{_side(before, fact)} → {_side(after, fact)}"
        facts.append(f"{label}: {text}" if label else text)
    return "; ".join(facts) or "—"
