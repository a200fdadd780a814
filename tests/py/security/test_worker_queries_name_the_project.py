"""Every SQL text in python_workers/ that reads or writes a host table names the run's
project, and its module goes through HostRecords (python_workers/engine/host_records.py):

  project_relationships / transactions as <a>   needs  <a>.project_id = %(project_id)s
  projects as <p>                               needs  <p>.id = %(project_id)s
  transaction_lines as <l>                      needs  <l>.transaction_id = <t>.id, with <t>
                                                       a transactions alias held as above
  a host table named without `public.` or without an alias is refused (it cannot be checked)

SQL texts are the string expressions of the source, each read whole: literals joined by
`+`, f-strings and `.format` calls (a part that is not a literal reads as `?`)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from python_workers.config import REPO_ROOT

WORKERS = REPO_ROOT / "python_workers"
HELPER = WORKERS / "engine" / "host_records.py"
HOST = re.compile(
    r"\b(from|join|update|into)\s+(public\.)?"
    r"(projects|project_relationships|transactions|transaction_lines)\b(\s+as\s+(\w+))?"
)
PROJECT_COLUMN = {"projects": "id"}  # the others: project_id
# modules that must hold host SQL: the scan finding none there means the scan broke
EXPECTED = {
    "engine/host_records.py",
    "providers/quickbooks/records.py",
    "providers/quickbooks/changes.py",
    "providers/quickbooks/transactions.py",
    "providers/quickbooks/service.py",
    "providers/companies_house/service.py",
}  # fmt: skip


def _text(node: ast.expr) -> str | None:
    """`node` as the string it builds, or None when it builds no string."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "?"
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else "?") + (right if right is not None else "?")
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and (node.func.attr == "format")
    ):
        return _text(node.func.value) or "?"
    return None


def sql_texts(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string expression of `source`, each taken whole."""

    def walk(node: ast.AST) -> Iterator[tuple[int, str]]:
        text = _text(node) if isinstance(node, ast.expr) else None
        if text is not None:
            yield node.lineno, text  # type: ignore[attr-defined]
            return
        for child in ast.iter_child_nodes(node):
            yield from walk(child)

    yield from walk(ast.parse(source))


def violations(text: str) -> list[str]:
    """What in one SQL text touches a host table without naming the run's project."""
    sql = re.sub(r"\s+", " ", text.lower())
    found: list[str] = []
    held: set[str] = set()
    lines: list[str] = []
    for match in HOST.finditer(sql):
        _, schema, table, _, alias = match.groups()
        if schema is None or alias is None:
            found.append(f"{match.group(0)!r}: write public.{table} as <alias>")
        elif table == "transaction_lines":
            lines.append(alias)
        elif not re.search(rf"\b{alias}\.{column(table)} = %\(project_id\)s", sql):
            found.append(f"public.{table} as {alias}: no {alias}.{column(table)} = %(project_id)s")
        elif table == "transactions":
            held.add(alias)
    for alias in lines:
        parents = set(re.findall(rf"\b{alias}\.transaction_id = (\w+)\.id\b", sql))
        if not parents & held:
            found.append(
                f"public.transaction_lines as {alias}: not joined to a transaction of the project"
            )
    return found


def column(table: str) -> str:
    return PROJECT_COLUMN.get(table, "project_id")


def host_sql(path: Path) -> list[tuple[int, str]]:
    return [(line, text) for line, text in sql_texts(path.read_text()) if HOST.search(text.lower())]


def test_every_worker_query_on_a_host_table_names_the_run_project() -> None:
    problems = []
    touching = set()
    for path in sorted(WORKERS.rglob("*.py")):
        found = host_sql(path)
        name = str(path.relative_to(WORKERS))
        if found:
            touching.add(name)
        if found and path != HELPER and "HostRecords" not in path.read_text():
            problems.append(f"{name}: host SQL outside HostRecords")
        problems += [f"{name}:{line}: {v}" for line, text in found for v in violations(text)]
    assert problems == []
    assert touching >= EXPECTED, f"the scan found no host SQL in {EXPECTED - touching}"


@pytest.mark.parametrize(
    "sql",
    [
        "update public.transactions as t set status = 'Paid' where t.id = %s",
        "select r.id from public.project_relationships as r where r.id = %(id)s",
        "select * from public.transactions where id = %s and project_id = %(project_id)s",
        "select * from transactions as t where t.project_id = %(project_id)s",
        "select * from public.project_relationships as r join public.transactions as t"
        " on t.relationship_id = r.id where r.project_id = %(project_id)s",
        "select l.* from public.transaction_lines as l where l.transaction_id = %s",
        "select p.name from public.projects as p where p.id = %s",
    ],
)
def test_the_scan_refuses_a_query_that_does_not_name_the_project(sql: str) -> None:
    assert violations(sql) != []


@pytest.mark.parametrize(
    "sql",
    [
        "update public.transactions as t set status = 'Paid'"
        " where t.id = %(id)s and t.project_id = %(project_id)s",
        "select (select jsonb_agg(l) from public.transaction_lines as l"
        " where l.transaction_id = t.id) from public.transactions as t"
        " where t.project_id = %(project_id)s",
    ],
)
def test_the_scan_accepts_a_query_that_names_the_project(sql: str) -> None:
    assert violations(sql) == []


def test_the_scan_reads_joined_and_formatted_sql_whole() -> None:
    source = (
        'Q = ("select * from public.transactions as t"\n'
        '     + MAPPED.format(alias="a")\n'
        '     + " where t.project_id = %(project_id)s")\n'
    )
    [(_, text)] = sql_texts(source)
    assert violations(text) == []
    assert violations(text.replace("t.project_id", "t.id")) != []
