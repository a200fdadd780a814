"""Proves, over real HTTP against `plugboard functions` (issue #23): a failed run's page has
a "Retry this run" button (a real <button> in a POST form) and a successful run's has none;
the owner's retry opens the new run's page (pending, "Retry of" the old one, started by
them); a second click opens the same run; a member who may read the logs but not sync
QuickBooks gets the refusal's message at the button (403, no new run); with QuickBooks
disconnected the owner is told to reconnect it (409, no new run); another site's form is
refused."""

from __future__ import annotations

import re
from uuid import UUID

import httpx
import psycopg

from tests.py.connections.conftest import World
from tests.py.console.conftest import STRANGER, STRANGERS_PROJECT, Functions
from tests.py.console.test_pages_answer_only_what_the_person_may_do import signed_in
from tests.testdb import Database

LOGS = "/setup/integrations/logs"
RETRY_BUTTON = re.compile(r"<button type=\"submit\"[^>]*>Retry this run</button>")


def finished_run(db: Database, world: World, status: str) -> UUID:
    """A finished chart-of-accounts run of the world's QuickBooks integration."""
    with psycopg.connect(db.url, autocommit=True) as conn:
        found = conn.execute(
            "insert into public.integration_sync_logs (project_id, project_integration_id,"
            " provider_id, feature_id, trigger_type, direction, action, status, error_message,"
            " details, started_at, finished_at)"
            " select pi.project_id, pi.id, pi.provider_id, f.id, 'on_schedule', 'inbound',"
            " f.server_action, %s, case when %s = 'failed' then 'QuickBooks was down' end,"
            ' \'{"params": {"feature": "chart_of_accounts"}}\', now(), now()'
            " from public.project_integrations as pi"
            " join public.integration_features as f"
            " on f.provider_id = pi.provider_id and f.key = 'chart_of_accounts'"
            " where pi.id = %s returning id",
            (status, status, world.integrations["quickbooks"]),
        ).fetchone()
    assert found is not None
    return UUID(str(found[0]))


def retries_of(db: Database, log_id: UUID) -> list[tuple[UUID, UUID | None, str]]:
    with psycopg.connect(db.url) as conn:
        return [
            (UUID(str(row[0])), row[1], row[2])
            for row in conn.execute(
                "select id, requested_by, status::text from public.integration_sync_logs"
                " where details ->> 'retry_of' = %s",
                (str(log_id),),
            )
        ]


def set_quickbooks(db: Database, world: World, status: str) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update public.project_integrations set status = %s where id = %s",
            (status, world.integrations["quickbooks"]),
        )


def test_the_owner_retries_a_failed_run_and_opens_the_new_one(
    db: Database, world: World, functions_server: Functions
) -> None:
    set_quickbooks(db, world, "Connected")
    failed = finished_run(db, world, "failed")
    succeeded = finished_run(db, world, "success")
    project = {"project": str(world.project_id)}
    with signed_in(functions_server, "owner@test.invalid") as client:
        assert RETRY_BUTTON.search(client.get(f"{LOGS}/{failed}", params=project).text)
        assert "Retry this run" not in client.get(f"{LOGS}/{succeeded}", params=project).text

        elsewhere = client.post(
            f"{LOGS}/{failed}/retry", data=project, headers={"Origin": "https://elsewhere.example"}
        )
        assert elsewhere.status_code == 403
        assert retries_of(db, failed) == []

        answer = client.post(f"{LOGS}/{failed}/retry", data=project)
        assert answer.status_code == 303, answer.text
        [(new_id, requested_by, status)] = retries_of(db, failed)
        assert (requested_by, status) == (world.owner_id, "pending")
        assert answer.headers["location"] == f"{LOGS}/{new_id}?project={world.project_id}"
        new_page = client.get(answer.headers["location"])
        assert new_page.status_code == 200
        assert "status-pending" in new_page.text
        assert f'href="{LOGS}/{failed}?project={world.project_id}">the run it retries' in (
            new_page.text
        )
        assert "Retry this run" not in new_page.text  # a pending run is not retried

        again = client.post(f"{LOGS}/{failed}/retry", data=project)
        assert again.headers["location"] == answer.headers["location"]
    assert len(retries_of(db, failed)) == 1


def test_a_refused_retry_shows_why_at_the_button(
    db: Database, world: World, functions_server: Functions
) -> None:
    set_quickbooks(db, world, "Connected")
    failed = finished_run(db, world, "failed")
    with psycopg.connect(db.url, autocommit=True) as conn:  # members may read the logs here
        conn.execute(
            "insert into public.role_permissions (role_id, permission_key)"
            " select id, 'integration:logs:view' from public.roles where key = 'project:member'"
        )
    project = {"project": str(world.project_id)}
    with signed_in(functions_server, "member@test.invalid") as client:
        assert RETRY_BUTTON.search(client.get(f"{LOGS}/{failed}", params=project).text)
        answer = client.post(f"{LOGS}/{failed}/retry", data=project)
    assert answer.status_code == 403
    assert 'role="alert">you need the integration:sync:quickbooks permission in this project' in (
        answer.text
    )
    assert 'aria-describedby="retry-error"' in answer.text

    set_quickbooks(db, world, "Expired")
    with signed_in(functions_server, "owner@test.invalid") as client:
        answer = client.post(f"{LOGS}/{failed}/retry", data=project)
    assert answer.status_code == 409
    assert "Reconnect QuickBooks Online" in answer.text
    assert retries_of(db, failed) == []


def test_another_projects_run_is_not_found(
    db: Database, world: World, functions_server: Functions
) -> None:
    failed = finished_run(db, world, "failed")
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(STRANGERS_PROJECT)
    with signed_in(functions_server, STRANGER) as client:
        answer: httpx.Response = client.post(
            f"{LOGS}/{failed}/retry", data={"project": str(world.project_id)}
        )
    assert answer.status_code == 404
    assert retries_of(db, failed) == []
