"""What the tests read back from the database (as the superuser, outside RLS)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row

from tests.testdb import Database


def integration(db: Database, integration_id: UUID) -> dict[str, Any]:
    with psycopg.connect(db.admin_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select * from public.v_project_integrations where id = %s", (integration_id,)
        ).fetchone()
    assert row is not None
    return row


def sync_logs(db: Database, integration_id: UUID) -> list[dict[str, Any]]:
    with psycopg.connect(db.admin_url, row_factory=dict_row) as conn:
        return conn.execute(
            "select action, status::text, error_code, error_message, details, requested_by"
            " from public.integration_sync_logs where project_integration_id = %s"
            " order by created_at, finished_at",
            (integration_id,),
        ).fetchall()


def credential(db: Database, integration_id: UUID) -> dict[str, Any] | None:
    """The credential's facts and its decrypted secret (what Vault holds)."""
    with psycopg.connect(db.admin_url, row_factory=dict_row) as conn:
        return conn.execute(
            "select c.*, d.decrypted_secret::jsonb as secret"
            " from public.integration_credentials as c"
            " join vault.decrypted_secrets as d on d.id = c.vault_secret_id"
            " where c.project_integration_id = %s",
            (integration_id,),
        ).fetchone()


def execute(db: Database, sql: str, *params: Any) -> None:
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        conn.execute(sql, params)
