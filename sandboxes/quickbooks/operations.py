"""Create, read, sparse/full update and delete, with QuickBooks' validation rules.

Used by the entity endpoints, the batch endpoint and the /_sandbox/ direct edits alike.
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

from sandboxes.quickbooks import faults
from sandboxes.quickbooks.company import Company
from sandboxes.quickbooks.kinds import ACCOUNT_CLASSIFICATION, KINDS, REFERENCE_TARGETS, EntityKind
from sandboxes.quickbooks.shapes import problems

# Computed or server-owned: accepted in a request but never taken from it.
READ_ONLY = frozenset({"MetaData", "FullyQualifiedName", "Balance", "domain", "status"})
_PERSON_NAME_PARTS = ("Title", "GivenName", "MiddleName", "FamilyName", "Suffix")


def read(company: Company, kind: EntityKind, entity_id: str) -> dict[str, Any]:
    stored = company.get(kind.name, entity_id)
    if stored is None:
        raise faults.object_not_found(kind.name, entity_id)
    return stored.entity


def create(company: Company, kind: EntityKind, payload: dict[str, Any]) -> dict[str, Any]:
    if not kind.creatable:
        raise faults.unsupported_operation(f"Create {kind.name}")
    _check_shape(kind, payload)
    entity = {k: v for k, v in payload.items() if k not in READ_ONLY and k != "sparse"}
    entity["Id"] = company.new_id(kind.name)
    entity["SyncToken"] = "0"
    entity["domain"] = "QBO"
    entity["sparse"] = False
    _complete(company, kind, entity)
    _validate(company, kind, entity)
    return company.put(kind.name, entity, "Create")


def update(company: Company, kind: EntityKind, payload: dict[str, Any]) -> dict[str, Any]:
    """Sparse update (`"sparse": true`: only the fields sent change) or full update (fields
    not sent are cleared), guarded by SyncToken."""
    if not kind.updatable:
        raise faults.unsupported_operation(f"Update {kind.name}")
    _check_shape(kind, payload)
    current = read(company, kind, str(payload["Id"]))
    _check_sync_token(kind, current, payload)
    changes = {k: v for k, v in payload.items() if k not in READ_ONLY and k != "sparse"}
    if payload.get("sparse") is True:
        entity = {**copy.deepcopy(current), **changes}
    else:
        kept = {"Id", "SyncToken", "MetaData", "domain"}
        entity = {**{k: v for k, v in current.items() if k in kept}, **changes}
    return _save_update(company, kind, current, entity)


def edit_directly(
    company: Company, kind: EntityKind, entity_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """A change made by a person in QuickBooks itself: no SyncToken needed, same effects."""
    current = read(company, kind, entity_id)
    _check_shape(kind, changes)
    return _save_update(company, kind, current, {**copy.deepcopy(current), **changes})


def delete(company: Company, kind: EntityKind, payload: dict[str, Any]) -> dict[str, Any]:
    if not kind.deletable:
        raise faults.unsupported_operation(
            f"Delete {kind.name} (make it inactive with Active=false instead)"
        )
    if "Id" not in payload:
        raise faults.required_missing("Id")
    current = read(company, kind, str(payload["Id"]))
    _check_sync_token(kind, current, payload)
    company.remove(kind.name, current["Id"])
    return {"Id": current["Id"], "status": "Deleted", "domain": "QBO"}


def _save_update(
    company: Company, kind: EntityKind, current: dict[str, Any], entity: dict[str, Any]
) -> dict[str, Any]:
    entity["Id"] = current["Id"]
    entity["SyncToken"] = str(int(current["SyncToken"]) + 1)
    entity["domain"] = "QBO"
    entity["sparse"] = False
    entity["MetaData"] = dict(current.get("MetaData", {}))
    _complete(company, kind, entity)
    _validate(company, kind, entity)
    return company.put(kind.name, entity, "Update")


def _check_shape(kind: EntityKind, payload: dict[str, Any]) -> None:
    found = problems(kind.name, payload)
    if found:
        raise faults.unsupported_property(
            f"Property Name:{found[0]} specified is unsupported or invalid"
        )


def _check_sync_token(kind: EntityKind, current: dict[str, Any], payload: dict[str, Any]) -> None:
    if "SyncToken" not in payload:
        raise faults.required_missing("SyncToken")
    if str(payload["SyncToken"]) != current["SyncToken"]:
        raise faults.stale_object(kind.name)


def _complete(company: Company, kind: EntityKind, entity: dict[str, Any]) -> None:
    """Fill what QuickBooks computes: names, totals, balances, currency, dates, line ids."""
    if kind.name in ("Vendor", "Customer"):
        if not entity.get("DisplayName"):
            parts = [str(entity[p]) for p in _PERSON_NAME_PARTS if entity.get(p)]
            entity["DisplayName"] = " ".join(parts) or entity.get("CompanyName") or ""
        if not entity["DisplayName"]:
            raise faults.required_missing("DisplayName")
        entity.setdefault("PrintOnCheckName", entity.get("CompanyName") or entity["DisplayName"])
        entity.setdefault("Balance", 0)
    if kind.name_field and kind.name_field in entity:
        entity["FullyQualifiedName"] = entity[kind.name_field]
    if kind.has_active:
        entity.setdefault("Active", True)
    if kind.name == "Account" and "AccountType" in entity:
        entity["Classification"] = ACCOUNT_CLASSIFICATION.get(entity["AccountType"], "Asset")
        entity.setdefault("CurrentBalance", 0)
        entity.setdefault("SubAccount", False)
    if kind.deletable:
        _complete_transaction(company, kind, entity)


def _complete_transaction(company: Company, kind: EntityKind, entity: dict[str, Any]) -> None:
    code, name = company.currency
    entity.setdefault("CurrencyRef", {"value": code, "name": name})
    entity.setdefault("TxnDate", date.today().isoformat())
    lines = entity.get("Line") or []
    for number, line in enumerate(lines, start=1):
        if isinstance(line, dict):
            line.setdefault("Id", str(number))
            line.setdefault("LineNum", number)
    if "TotalAmt" not in entity:
        total = sum(Decimal(str(line.get("Amount", 0))) for line in lines if isinstance(line, dict))
        entity["TotalAmt"] = float(total)
    if kind.name in ("Bill", "Invoice"):
        entity["Balance"] = entity["TotalAmt"]
    if kind.name == "Invoice":
        entity.setdefault("DocNumber", str(1000 + int(entity["Id"])))
    if kind.name == "Payment":
        entity.setdefault("UnappliedAmt", entity["TotalAmt"])


def _validate(company: Company, kind: EntityKind, entity: dict[str, Any]) -> None:
    for field_name in kind.required:
        if entity.get(field_name) in (None, "", []):
            raise faults.required_missing(field_name)
    if kind.name == "Account" and not entity.get("AccountType"):
        raise faults.required_missing("AccountType")
    _check_unique_name(company, kind, entity)
    _check_references(company, entity)


def _check_unique_name(company: Company, kind: EntityKind, entity: dict[str, Any]) -> None:
    if kind.name_field is None:
        return
    wanted = str(entity.get(kind.name_field, "")).strip().casefold()
    for other in KINDS.values():
        if other.name_scope != kind.name_scope or other.name_field is None:
            continue
        for existing in company.entities(other.name):
            same = str(existing.get(other.name_field, "")).strip().casefold() == wanted
            if same and not (other is kind and existing["Id"] == entity["Id"]):
                raise faults.duplicate_name(existing["Id"])


def _check_references(company: Company, value: Any) -> None:
    """Every known *Ref (at any depth) must point at an existing, active entity."""
    if isinstance(value, list):
        for item in value:
            _check_references(company, item)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        target = REFERENCE_TARGETS.get(key)
        if target is not None and isinstance(item, dict):
            ref = str(item.get("value", ""))
            # US companies use the pseudo tax codes TAX/NON rather than TaxCode ids.
            if target == "TaxCode" and not ref.isdigit():
                continue
            stored = company.get(target, ref)
            if stored is None or stored.entity.get("Active") is False:
                raise faults.invalid_reference(key, ref)
        else:
            _check_references(company, item)
