"""The host app's records (its relationships, transactions and their lines) as a worker
reads and writes them: only ever in the run's project.

Workers run as the owner role, so RLS does not stand between a run and another project's
rows, and an id in a run's params or in a link is only a claim. Every worker query on a
host table goes through HostRecords: it names the run's project (`where t.id = … and
t.project_id = %(project_id)s`), taken from the run's integration row, never from params;
and a record the project does not hold fails the run with NotInProject before anything is
touched. tests/py/security/test_worker_queries_name_the_project.py holds every worker query
to this."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar
from uuid import UUID

import psycopg
from psycopg.rows import class_row

from python_workers.engine.errors import NotInProject, PermanentSyncError
from python_workers.engine.sql_session import SqlSession
from python_workers.providers.contract import ActionContext

HostTable = Literal["project_relationships", "transactions"]

NOUN: dict[HostTable, str] = {
    "project_relationships": "relationship",
    "transactions": "transaction",
}

HELD_SQL: dict[HostTable, str] = {
    "project_relationships": "select r.id::text from public.project_relationships as r"
    " where r.id = any(%(ids)s::uuid[]) and r.project_id = %(project_id)s",
    "transactions": "select t.id::text from public.transactions as t"
    " where t.id = any(%(ids)s::uuid[]) and t.project_id = %(project_id)s",
}


class HasId(Protocol):
    @property
    def id(self) -> str: ...


RowT = TypeVar("RowT", bound=HasId)


@dataclass(frozen=True)
class HostRecords:
    db: SqlSession
    project_id: UUID

    @classmethod
    def of(cls, ctx: ActionContext) -> HostRecords:
        """The run's host records: the project of the integration it runs for."""
        if ctx.integration.project_id is None:
            raise PermanentSyncError(
                "no_project", "this action reads a project's records: run it for an integration"
            )
        return cls(ctx.db, ctx.integration.project_id)

    def params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """`values` with the run's project as %(project_id)s (the caller cannot set it)."""
        return {**values, "project_id": self.project_id}

    async def require(self, table: HostTable, ids: Iterable[str | UUID]) -> None:
        """NotInProject unless the run's project holds every one of `ids`."""
        wanted = sorted({str(i) for i in ids})
        if not wanted:
            return
        cursor = await self.db.execute(HELD_SQL[table], self.params({"ids": _uuids(wanted)}))
        held = {str(row[0]) for row in await cursor.fetchall()}
        _refuse_missing(table, wanted, held)

    async def fetch(
        self, table: HostTable, ids: list[str], sql: str, values: Mapping[str, Any],
        row: type[RowT],
    ) -> list[RowT]:  # fmt: skip
        """The rows `sql` (naming %(project_id)s, with the records as %(ids)s) gives for
        `ids`; NotInProject when one of them is not the project's."""
        async with self.db.cursor(row_factory=class_row(row)) as cursor:
            await cursor.execute(sql, self.params({**values, "ids": _uuids(ids)}))
            rows = await cursor.fetchall()
        _refuse_missing(table, ids, {r.id for r in rows})
        return rows

    async def execute(self, sql: str, values: Mapping[str, Any]) -> psycopg.AsyncCursor[Any]:
        """`sql`, which names %(project_id)s, with the run's project."""
        return await self.db.execute(sql, self.params(values))


def _canonical(value: str) -> str | None:
    """The id as PostgreSQL spells a uuid; None for one that is not a uuid (no record has it)."""
    try:
        return str(UUID(value))
    except ValueError:
        return None


def _uuids(ids: Iterable[str]) -> list[str]:
    return [u for u in map(_canonical, ids) if u is not None]


def _refuse_missing(table: HostTable, wanted: Iterable[str], held: set[str]) -> None:
    missing = [i for i in wanted if _canonical(i) not in held]
    if missing:
        raise NotInProject(NOUN[table], missing)
