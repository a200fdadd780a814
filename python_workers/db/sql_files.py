"""Reading SQL files as the statements they hold, with the line each one starts on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlparse


@dataclass(frozen=True)
class Statement:
    text: str
    line: int


def split_statements(sql: str) -> list[Statement]:
    """Split on top-level semicolons (quotes, $$ bodies and comments respected)."""
    statements: list[Statement] = []
    offset = 0
    for raw in sqlparse.split(sql, strip_semicolon=False):
        start = sql.index(raw, offset)
        offset = start + len(raw)
        body = sqlparse.format(raw, strip_comments=True).strip()
        if body in ("", ";"):
            continue
        statements.append(Statement(raw.strip(), sql.count("\n", 0, start) + _first_code_line(raw)))
    return statements


def read_statements(path: Path) -> list[Statement]:
    return split_statements(path.read_text())


def _first_code_line(raw: str) -> int:
    """1-based line of `raw` where code starts, past blank lines and leading comments."""
    for number, line in enumerate(raw.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("--"):
            return number
    return 1
