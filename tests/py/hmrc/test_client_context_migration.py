"""Upgrading a database whose sync logs still hold browser values in details.params (as
hmrc_submit_vat_return kept them before 20261125061000): a run still waiting keeps its
values, now in private.hmrc_client_contexts; no log keeps them in its params."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from python_workers.db.migrate import MIGRATIONS_DIR, migrate
from tests.py.hmrc.conftest import CLIENT_CONTEXT
from tests.testdb import DatabaseServer, create_database, drop_database

FIRST_PRIVATE = "20261125061000"
LOG = """
insert into public.integration_sync_logs (
    project_id, project_integration_id, provider_id, trigger_type, direction, status, action,
    entity_id, details, error_message
)
select pi.project_id, pi.id, pi.provider_id, 'on_manual', 'outbound', %s, 'hmrc_submit_vat_return',
    %s, %s, case when %s = 'failed' then 'refused' end
from public.project_integrations as pi
join public.integration_providers as p on p.id = pi.provider_id
where p.key = 'hmrc'
returning id
"""


@pytest.fixture
def empty_db(server: DatabaseServer) -> Iterator[str]:
    name = f"pbt_hmrc_{uuid.uuid4().hex[:8]}"
    create_database(server, name)
    yield name
    drop_database(server, name)


def test_old_params_move_to_the_private_table(
    server: DatabaseServer, empty_db: str, tmp_path: Path
) -> None:
    before = tmp_path / "migrations"
    before.mkdir()
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if path.name < FIRST_PRIVATE:
            shutil.copy(path, before / path.name)
    url = server.url(empty_db, admin=True)
    migrate(url, before)
    user = uuid.uuid4()
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        conn.execute("insert into auth.users (id, email) values (%s, 'p@example.com')", (user,))
        conn.execute("insert into public.projects (name, country_code) values ('P', 'GB')")
        params = {"vrn": "123456782", "confirmed_by": str(user), "client_context": CLIENT_CONTEXT}
        logs = {
            status: conn.execute(
                LOG, (status, period, Jsonb({"params": params}), status)
            ).fetchone()["id"]  # type: ignore[index]
            for status, period in (("pending", "A001"), ("failed", "A002"))
        }

    migrate(url)

    with psycopg.connect(url, row_factory=dict_row) as conn:
        kept = conn.execute(
            "select sync_log_id, user_id, client_context from private.hmrc_client_contexts"
        ).fetchall()
        left = conn.execute(
            "select count(*) as n from public.integration_sync_logs"
            " where details -> 'params' ? 'client_context'"
        ).fetchone()
    assert kept == [
        {"sync_log_id": logs["pending"], "user_id": user, "client_context": CLIENT_CONTEXT}
    ]
    assert left == {"n": 0}
