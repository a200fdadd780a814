"""supabase/schemas/ (each SQL object's current definition, in load order) and
supabase/migrations/ (the baselines and every later migration) build the same database:
the same `pg_dump --schema-only` and the same catalogue, permission and menu rows. A change
made in one and not the other fails here (docs/contributing.md, "Add a migration")."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from python_workers.db.migrate import migrate
from python_workers.db.schema_files import SCHEMAS_DIR, load_schema_files, schema_files
from tests.testdb import DatabaseServer, create_database, drop_database, schema_dump

# The data every database gets from its migrations, compared row by row.
DATA_TABLES = (
    "public.integration_providers",
    "public.integration_provider_countries",
    "public.integration_features",
    "public.permissions",
    "public.roles",
    "public.role_permissions",
    "public.menu_items",
    "public.integration_reference_data",
    "private.rate_budgets",
    "cron.job",  # where pg_cron is installed
)
# Columns that differ between any two builds: random ids (references to them are replaced
# by the key of the row they name), creation times, pg_cron's job ids.
VOLATILE = {"id", "jobid", "created_at", "updated_at", "fetched_at"}
ROW_NAMES = """
select p.id::text as id, 'provider ' || p.key as name from public.integration_providers as p
union all
select f.id::text, 'feature ' || p.key || '/' || f.key
from public.integration_features as f join public.integration_providers as p on p.id = f.provider_id
union all
select r.id::text, 'role ' || r.key from public.roles as r
"""


@pytest.fixture(scope="module")
def built(server: DatabaseServer) -> Iterator[tuple[str, str]]:
    """(from migrations, from schema files): two databases built the two ways."""
    names = (
        f"pbt_from_migrations_{uuid.uuid4().hex[:8]}",
        f"pbt_from_schemas_{uuid.uuid4().hex[:8]}",
    )
    for name in names:
        create_database(server, name)
    migrate(server.url(names[0], admin=True))
    load_schema_files(server.url(names[1], admin=True))
    yield server.url(names[0], admin=True), server.url(names[1], admin=True)
    for name in names:
        drop_database(server, name)


def data_rows(url: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    with psycopg.connect(url, row_factory=dict_row) as conn:
        names = {row["id"]: row["name"] for row in conn.execute(ROW_NAMES)}
        for table in DATA_TABLES:
            found = conn.execute("select to_regclass(%s) is not null as found", (table,)).fetchone()
            if not (found and found["found"]):
                continue
            records = conn.execute(f"select to_jsonb(t) as r from {table} as t").fetchall()
            rows[table] = sorted(
                json.dumps(
                    {
                        column: names.get(value, value) if isinstance(value, str) else value
                        for column, value in record["r"].items()
                        if column not in VOLATILE
                    },
                    sort_keys=True,
                )
                for record in records
            )
    return rows


def test_schema_files_and_migrations_give_the_same_schema(built: tuple[str, str]) -> None:
    from_migrations, from_schemas = built
    # the runner's own bookkeeping is the one thing only the migrated database has
    dumped = schema_dump(from_migrations, "--exclude-schema=supabase_migrations", comments=True)
    assert "CREATE FUNCTION private.enqueue_sync_run" in dumped
    assert schema_dump(from_schemas, comments=True) == dumped


def test_schema_files_and_migrations_give_the_same_catalogue_and_permissions(
    built: tuple[str, str],
) -> None:
    from_migrations, from_schemas = built
    expected = data_rows(from_migrations)
    assert len(expected["public.integration_features"]) > 0
    assert data_rows(from_schemas) == expected


def test_every_schema_file_loads_from_load_order() -> None:
    listed = schema_files()
    assert set(listed) == set(SCHEMAS_DIR.rglob("*.sql"))


def test_a_schema_file_missing_from_load_order_is_named(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "a.sql").write_text("select 1;\n")
    (tmp_path / "views.sql").write_text("select 1;\n")
    (tmp_path / "load_order.txt").write_text("# tables only\ntables/*.sql\n")

    with pytest.raises(ValueError, match=r"views\.sql: add one"):
        schema_files(tmp_path)
