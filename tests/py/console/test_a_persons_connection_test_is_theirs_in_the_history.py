"""Proves, over real HTTP against `plugboard functions` and the Companies House sandbox: an
owner's "Test connection" of Companies House, which moves the integration to Connected, is
recorded in their project's configuration history under their name (it was Plugboard's);
the same test moves another project's Companies House integration too, and that project's
history records the change as Plugboard's, never naming a person who is not its member."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg

from tests.py.connections.conftest import CH_KEY, World
from tests.py.console.conftest import Functions
from tests.py.console.test_pages_answer_only_what_the_person_may_do import signed_in
from tests.testdb import Database

CONFIGURATION = "/setup/integrations/configuration"
CONNECTED = """
select h.actor_kind, h.actor_id
from public.integration_config_history as h
join public.integration_providers as p on p.id = h.provider_id
where h.project_id = %s and p.key = 'companies_house' and h.action = 'connect'
"""


def connected_by(db: Database, project_id: UUID) -> list[tuple[Any, ...]]:
    with psycopg.connect(db.url) as conn:
        return [tuple(row) for row in conn.execute(CONNECTED, (project_id,))]


def test_the_test_connection_names_the_person_in_their_project_only(
    db: Database, world: World, functions_on_sandboxes: Functions
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        found = conn.execute(
            "insert into public.projects (name, country_code) values ('Zed Corp', 'GB')"
            " returning id"
        ).fetchone()
        assert found is not None
        other_project = found[0]
        conn.execute("set role service_role")
        conn.execute("select public.integration_set_api_key('companies_house', %s)", (CH_KEY,))
    form = {"project": str(world.project_id), "provider": "companies_house"}
    with signed_in(functions_on_sandboxes, "owner@test.invalid") as client:
        answer = client.post(f"{CONFIGURATION}/test", data=form)
    assert answer.status_code == 303, answer.text
    assert "test_passed" in answer.headers["location"]
    assert connected_by(db, world.project_id) == [("user", world.owner_id)]
    assert connected_by(db, other_project) == [("system", None)]
