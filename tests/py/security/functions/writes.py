"""Everything a callback could write for a project, read back as the superuser: the test
compares it before and after to show that a refused callback wrote nothing."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg

from tests.testdb import Database

TABLES = {
    "project_integrations": "select to_jsonb(t) from public.project_integrations as t"
    " where t.project_id = %(project)s order by t.id",
    "sync_logs": "select to_jsonb(t) from public.integration_sync_logs as t"
    " join public.project_integrations as pi on pi.id = t.project_integration_id"
    " where pi.project_id = %(project)s order by t.id",
    "credentials": "select to_jsonb(t) from public.integration_credentials as t"
    " join public.project_integrations as pi on pi.id = t.project_integration_id"
    " where pi.project_id = %(project)s order by t.id",
    "oauth_states": "select to_jsonb(t) from private.oauth_states as t"
    " join public.project_integrations as pi on pi.id = t.project_integration_id"
    " where pi.project_id = %(project)s order by t.state_hash",
    "vault_secrets": "select count(*) from vault.secrets",
}


def project_writes(db: Database, project_id: UUID) -> dict[str, list[Any]]:
    with psycopg.connect(db.admin_url) as conn:
        return {
            name: [row[0] for row in conn.execute(sql, {"project": project_id})]
            for name, sql in TABLES.items()
        }
