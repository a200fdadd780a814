"""The layering of python_workers, read from the source (no import is executed):
credentials (secrets: stored, read, refreshed) sits below connections (connect,
disconnect, connection tests) and never imports it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGES = Path(__file__).resolve().parents[3] / "python_workers"


def imported_modules(package: str) -> dict[str, set[str]]:
    """Each module of `package` (file name) -> the python_workers modules it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((PACKAGES / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[path.name] = {n for n in names if n.startswith("python_workers.")}
    return found


def test_credentials_never_imports_connections() -> None:
    offending = {
        module: sorted(n for n in names if n.startswith("python_workers.connections"))
        for module, names in imported_modules("credentials").items()
    }
    assert {m: n for m, n in offending.items() if n} == {}


def test_connections_builds_on_credentials() -> None:
    """The check above is not vacuous: connections does import credentials."""
    names = set().union(*imported_modules("connections").values())
    assert any(n.startswith("python_workers.credentials") for n in names)


def test_the_lifecycle_modules_left_credentials() -> None:
    lifecycle = {"connect.py", "disconnect.py", "connection_test.py", "account_check.py"}
    assert lifecycle & set(imported_modules("credentials")) == set()
    assert lifecycle <= set(imported_modules("connections"))
