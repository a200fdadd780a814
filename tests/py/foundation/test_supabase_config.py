"""supabase/config.toml, which the Supabase CLI reads, declares the schema files in the
order supabase/schemas/load_order.txt gives (the order Plugboard loads them in), the
PostgreSQL major version Plugboard runs on and the seed file; the CLI accepts it."""

from __future__ import annotations

import tomllib

from python_workers.config import REPO_ROOT
from python_workers.db.schema_files import LOAD_ORDER, SCHEMAS_DIR
from tests.supabase_cli import supabase
from tests.testdb import Database

CONFIG = REPO_ROOT / "supabase" / "config.toml"


def config() -> dict[str, object]:
    with CONFIG.open("rb") as file:
        return tomllib.load(file)


def test_schema_paths_are_the_load_order() -> None:
    lines = [
        line.strip()
        for line in (SCHEMAS_DIR / LOAD_ORDER).read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    db = config()["db"]
    assert isinstance(db, dict)
    assert db["migrations"]["schema_paths"] == [f"./schemas/{line}" for line in lines]


def test_the_config_names_postgres_15_and_the_seed_file() -> None:
    db = config()["db"]
    assert isinstance(db, dict)
    assert db["major_version"] == 15
    assert [(CONFIG.parent / path).resolve() for path in db["seed"]["sql_paths"]] == [
        (REPO_ROOT / "supabase" / "seed.sql").resolve()
    ]


def test_the_supabase_cli_reads_it(db: Database) -> None:
    # the CLI reads the config before anything else and refuses one it cannot take
    # (an unknown major version, a malformed value) with "Failed reading config"
    output = supabase("migration", "list", "--db-url", db.url)
    assert "20261204490000" in output
