"""Entity shapes derived from Intuit's XSDs, and a checker for JSON entities against them.

`derive_shapes` reads the XSDs (with xmlschema, a development dependency) and keeps, for
every complex type reachable from the entities the sandbox serves, each JSON field's type
and whether it is a list; enumerations keep their values. The result is committed as
`xsd_shapes.json` so the sandbox needs no XSD parser at run time; a contract test derives
it again from the XSDs and fails when the two differ.

JSON mapping (as Intuit serialises the XSD types): elements and attributes become fields;
a type with simple content (ReferenceType) becomes {"value": ..., <attributes>}; an element
that may repeat becomes a list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from sandboxes.common.specs import SPECS_DIR

SHAPES_FILE = Path(__file__).with_name("xsd_shapes.json")
DEFAULT_XSD_DIR = SPECS_DIR / "quickbooks-online" / "intuit-xsd"
ROOT_XSD = "IntuitRestServiceDef.xsd"
ENTITIES = (
    "CompanyInfo", "Account", "Class", "TaxCode", "TaxRate", "Vendor", "Customer",
    "Purchase", "Bill", "Invoice", "Payment",
)  # fmt: skip
# Types checked besides the entities: the error body every failure carries.
ENVELOPE_TYPES = ("Fault",)

_PRIMITIVES = {
    "string": "string", "normalizedString": "string", "token": "string", "anyURI": "string",
    "base64Binary": "string", "time": "string", "gYear": "string", "duration": "string",
    "boolean": "boolean",
    "decimal": "number", "double": "number", "float": "number",
    "int": "integer", "integer": "integer", "long": "integer", "short": "integer",
    "byte": "integer", "positiveInteger": "integer", "nonNegativeInteger": "integer",
    "unsignedInt": "integer", "unsignedLong": "integer",
    "date": "date", "dateTime": "dateTime", "anyType": "any",
}  # fmt: skip


def derive_shapes(xsd_dir: Path = DEFAULT_XSD_DIR) -> dict[str, Any]:
    """Shapes of ENTITIES and every type they reach, read from the XSDs."""
    import xmlschema  # development dependency: only the derivation needs it

    schema = xmlschema.XMLSchema(str(xsd_dir / ROOT_XSD))
    types: dict[str, Any] = {}
    roots = {name: schema.elements[name].type for name in ENTITIES}
    roots.update({name: schema.types[name] for name in ENVELOPE_TYPES})
    pending = list(roots.values())
    while pending:
        xsd_type = pending.pop()
        name = str(xsd_type.local_name)
        if name in types:
            continue
        shape, reached = _shape_of(xsd_type)
        types[name] = shape
        pending.extend(reached)
    return {
        "roots": {name: str(xsd_type.local_name) for name, xsd_type in roots.items()},
        "types": dict(sorted(types.items())),
    }


def _shape_of(xsd_type: Any) -> tuple[dict[str, Any], list[Any]]:
    """One type's shape and the complex/enumerated types its fields refer to."""
    if xsd_type.is_simple():
        return {"enum": sorted(xsd_type.enumeration)}, []
    fields: dict[str, Any] = {}
    reached: list[Any] = []
    if xsd_type.has_simple_content():
        fields["value"] = {"type": _primitive(xsd_type.content), "list": False}
    else:
        for element in xsd_type.content.iter_elements():
            fields[element.local_name] = {
                "type": _field_type(element.type, reached),
                "list": element.max_occurs is None or element.max_occurs > 1,
            }
    for name, attribute in xsd_type.attributes.items():
        fields[name] = {"type": _field_type(attribute.type, reached), "list": False}
    return {"fields": fields}, reached


def _field_type(xsd_type: Any, reached: list[Any]) -> str:
    if xsd_type.is_complex() and xsd_type.local_name == "IntuitAnyType":
        return "any"  # Intuit's extension hook: free-form by design
    if xsd_type.is_complex() or getattr(xsd_type, "enumeration", None):
        reached.append(xsd_type)
        return str(xsd_type.local_name)
    return _primitive(xsd_type)


def _primitive(xsd_type: Any) -> str:
    while xsd_type.local_name not in _PRIMITIVES:
        xsd_type = xsd_type.base_type
    return _PRIMITIVES[xsd_type.local_name]


@lru_cache(maxsize=1)
def shapes() -> dict[str, Any]:
    """The committed shapes (see module docstring)."""
    loaded: dict[str, Any] = json.loads(SHAPES_FILE.read_text())
    return loaded


def problems(root: str, value: Any) -> list[str]:
    """Where `value` (JSON for an entity such as "Vendor", or "Fault") departs from the XSD."""
    known = shapes()
    return list(_check(known["types"], known["roots"][root], value, root))


def _check(types: dict[str, Any], type_name: str, value: Any, path: str) -> Iterator[str]:
    if value is None:
        return
    if type_name in types:
        shape = types[type_name]
        if "enum" in shape:
            if value not in shape["enum"]:
                yield f"{path}: {value!r} is not one of {type_name}"
            return
        if not isinstance(value, dict):
            yield f"{path}: expected an object ({type_name})"
            return
        for key, item in value.items():
            field = shape["fields"].get(key)
            if field is None:
                yield f"{path}.{key}: not a field of {type_name}"
            elif field["list"]:
                if not isinstance(item, list):
                    yield f"{path}.{key}: expected a list"
                    continue
                for index, element in enumerate(item):
                    yield from _check(types, field["type"], element, f"{path}.{key}[{index}]")
            else:
                yield from _check(types, field["type"], item, f"{path}.{key}")
        return
    if not _primitive_matches(type_name, value):
        yield f"{path}: {value!r} is not a {type_name}"


def _primitive_matches(kind: str, value: Any) -> bool:
    if kind == "any":
        return True
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)  # string, date, dateTime


if __name__ == "__main__":  # regenerate: python -m sandboxes.quickbooks.shapes
    SHAPES_FILE.write_text(json.dumps(derive_shapes(), indent=1, sort_keys=False) + "\n")
