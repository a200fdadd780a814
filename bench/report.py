"""Shared output of every benchmark: a rich table on stdout and bench/results/<name>.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def report(name: str, rows: list[dict[str, Any]], notes: list[str] | None = None) -> Path:
    """Print `rows` as one table titled `name` and write them (with notes) as JSON."""
    table = Table(title=f"plugboard bench {name}")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    console = Console()
    console.print(table)
    for note in notes or []:
        console.print(f"  {note}")
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps({"name": name, "rows": rows, "notes": notes or []}, indent=2))
    return path


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}"
    return "" if value is None else str(value)
