"""The Companies House JSON schemas in specs/companies-house, ready for jsonschema.

The schemas are api-evangelist's conversion of the official swagger-2.0 models. Two
quirks of that conversion are undone here, and nothing else is changed:
- `$ref`s point at http://127.0.0.1:10000/.../<spec>.json#/definitions/<model>; each model
  is its own file named after the model in lower case, so a ref becomes urn:ch-model:<model>
  and resolves to that file.
- nested objects were written as `{"type": "object", "items": {"$ref": ...}}`; JSON Schema
  ignores `items` on an object, which would leave every nested object unchecked, so such a
  member is read as the `$ref` it names (`allOf`).
Checking nested objects brings out errata in the models themselves; ERRATA lists each
with the correction applied.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from sandboxes.common.specs import SPECS_DIR

SPECS = SPECS_DIR / "companies-house"
SCHEMAS = SPECS / "api-evangelist" / "json-schema"
ENUMERATIONS = SPECS / "api-enumerations"


URN = "urn:ch-model:"

ERRATA: dict[str, dict[str, Any]] = {
    # lastAccounts says `"type": "string"` at its root yet describes an object's members
    # (made_up_to, period_end_on ...), which is what the live API returns.
    "lastaccounts": {"type": "object"},
    # practitioners.address is an array of practitionerAddress in the model; the API reference
    # and live answers give one address object.
    "practitioners": {"properties": {"address": {"$ref": URN + "practitioneraddress"}}},
}


def _nested_objects_checked(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _nested_objects_checked(value) for key, value in node.items()}
        if isinstance(node.get("$ref"), str):
            node["$ref"] = URN + node["$ref"].rsplit("/", 1)[-1].lower()
        items = node.get("items")
        if node.get("type") == "object" and isinstance(items, dict) and "$ref" in items:
            node.pop("items")
            node["allOf"] = [items]
        return node
    if isinstance(node, list):
        return [_nested_objects_checked(value) for value in node]
    return node


@cache
def schema(model: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{model}.json").read_text())
    checked: dict[str, Any] = _nested_objects_checked(loaded)
    corrected = dict(checked)
    for key, value in ERRATA.get(model, {}).items():
        # dicts (properties) are merged one level deep; anything else is replaced
        merge = isinstance(value, dict) and isinstance(checked.get(key), dict)
        corrected[key] = {**checked[key], **value} if merge else value
    return corrected


def _retrieve(uri: str) -> Resource[Any]:
    return DRAFT7.create_resource(schema(uri.removeprefix(URN)))


def _registry() -> Registry[Any]:
    return Registry(retrieve=_retrieve)  # type: ignore[call-arg]


def validator(model: str, **overrides: Any) -> Draft7Validator:
    """A validator for `model` (e.g. "companyprofile"); `overrides` replace top-level keys."""
    return Draft7Validator({**schema(model), **overrides}, registry=_registry())


def errors(model: str, instance: Any, **overrides: Any) -> list[str]:
    found = validator(model, **overrides).iter_errors(instance)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]
