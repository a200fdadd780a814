"""Rows the schema is being taught to refuse (a mapping or a queued run that ties one
project's integration to another project's record), planted as a superuser with
session_replication_role = replica: no triggers, no foreign-key checks. This is the state
an attacker reached on main; planting it lets a test show the worker refuses it on its own,
whatever the database would say about writing it today."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from tests.testdb import Database


def planted(db: Database, query: str, params: Any = None) -> list[dict[str, Any]]:
    """`query` as a superuser, with triggers and constraint checks off."""
    with (
        psycopg.connect(db.admin_url, autocommit=True, row_factory=dict_row) as conn,
        conn.transaction(),
    ):
        conn.execute("set local session_replication_role = replica")
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def plant_mapping(
    db: Database, integration_id: UUID, entity_type: str, internal_id: str, external_id: str
) -> UUID:
    """A link, as a person's `link` writes it, from `integration_id` to `internal_id`."""
    [row] = planted(
        db,
        "insert into public.integration_entity_mappings (project_integration_id, entity_type,"
        " internal_id, external_id, created_via) values (%s, %s, %s, %s, 'link') returning id",
        (integration_id, entity_type, internal_id, external_id),
    )
    return UUID(str(row["id"]))


def plant_run(
    db: Database, integration_id: UUID, action: str, feature: str | None,
    entity_id: str | None, params: dict[str, Any],
) -> UUID:  # fmt: skip
    """A run of `action` for `integration_id`, queued as the triggers and RPCs queue it
    (private.enqueue_sync_run), naming whatever record `params` name."""
    [row] = planted(
        db,
        "select private.enqueue_sync_run(%(integration)s, f.id, 'on_manual', %(action)s,"
        " f.entity_type, %(entity)s, %(params)s, null) as id"
        " from (select) as one left join public.integration_features as f"
        " on f.key = %(feature)s and f.provider_id = (select provider_id from"
        " public.project_integrations where id = %(integration)s)",
        {"integration": integration_id, "action": action, "entity": entity_id,
         "params": json.dumps(params), "feature": feature},
    )  # fmt: skip
    return UUID(str(row["id"]))
