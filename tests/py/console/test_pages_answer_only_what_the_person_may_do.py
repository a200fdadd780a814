"""Proves, over real HTTP against `plugboard functions`: `plugboard console` refuses to sign
anyone in when Plugboard runs on a database it does not run itself (DATABASE_URL); the
pages answer 401 without a session and with a forged one; a sign-in link works once; a
person of another project opening this project's pages gets their own project and none of
this one's data, and 404 for this project's run; a member without integration:manage gets
403 for a feature switch, and so does the owner's own form posted from another site
(nothing changes); an owner's "sync now" queues a run that the Logs page then lists as
pending."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import jwt
import psycopg

from tests.py.connections.conftest import World
from tests.py.console.conftest import PLUGBOARD, STRANGER, STRANGERS_PROJECT, Functions
from tests.testdb import Database

LOGS = "/setup/integrations/logs"
CONFIGURATION = "/setup/integrations/configuration"


@contextmanager
def signed_in(functions: Functions, email: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=functions.base_url) as client:
        answer = client.get(functions.sign_in_link(email))
        assert answer.status_code == 303, answer.text
        assert "httponly" in answer.headers["set-cookie"].lower()
        assert "samesite=lax" in answer.headers["set-cookie"].lower()
        yield client


def test_the_sign_in_command_refuses_a_database_it_does_not_run(
    functions_server: Functions,
) -> None:
    environment = functions_server.environment | {"DATABASE_URL": "postgresql://db.example/app"}
    done = subprocess.run(
        [*PLUGBOARD, "console", "--as", "owner@test.invalid"],
        env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "only on Plugboard's local cluster" in done.stderr
    assert "sign-in" not in done.stdout


def test_no_session_a_forged_one_and_a_used_link_are_refused(
    world: World, functions_server: Functions
) -> None:
    with httpx.Client(base_url=functions_server.base_url) as anonymous:
        assert anonymous.get(LOGS).status_code == 401
        forged = jwt.encode(
            {
                "sub": str(world.owner_id),
                "role": "authenticated",
                "aud": "authenticated",
                "exp": 2**31,
            },
            "not-the-secret-but-long-enough-to-sign-with",
            algorithm="HS256",
        )
        anonymous.cookies.set("plugboard_console", forged)
        assert anonymous.get(CONFIGURATION).status_code == 401
    link = functions_server.sign_in_link("owner@test.invalid")
    with httpx.Client() as first, httpx.Client() as second:
        assert first.get(link).status_code == 303
        again = second.get(link)
        assert again.status_code == 401
        assert "used already" in again.text


def test_another_projects_person_sees_only_their_own(
    db: Database, world: World, functions_server: Functions
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(STRANGERS_PROJECT)
        found = conn.execute(
            "insert into public.integration_sync_logs (project_id, project_integration_id,"
            " provider_id, trigger_type, direction, action)"
            " select project_id, id, provider_id, 'on_manual', 'inbound', 'secret_run'"
            " from public.project_integrations where id = %s returning id",
            (world.integrations["quickbooks"],),
        ).fetchone()
    assert found is not None
    log_id = found[0]
    with signed_in(functions_server, STRANGER) as client:
        for path in (LOGS, CONFIGURATION):
            page = client.get(path, params={"project": str(world.project_id)})
            assert page.status_code == 200
            assert "Zed Corp" in page.text
            assert "Acme Ltd" not in page.text and str(world.project_id) not in page.text
        detail = client.get(f"{LOGS}/{log_id}", params={"project": str(world.project_id)})
        assert detail.status_code == 404
        assert "secret_run" not in detail.text


def test_a_member_or_another_site_cannot_switch_a_feature(
    db: Database, world: World, functions_server: Functions
) -> None:
    form = {
        "project": str(world.project_id), "integration": str(world.integrations["quickbooks"]),
        "feature": "sync_vendors", "enabled": "false",
    }  # fmt: skip
    with signed_in(functions_server, "member@test.invalid") as client:
        answer = client.post(f"{CONFIGURATION}/feature", data=form)
    assert answer.status_code == 403
    with signed_in(functions_server, "owner@test.invalid") as client:
        elsewhere = client.post(
            f"{CONFIGURATION}/feature", data=form, headers={"Origin": "https://elsewhere.example"}
        )
    assert elsewhere.status_code == 403
    with psycopg.connect(db.url) as conn:
        changed = conn.execute(
            "select count(*) from public.integration_config_history"
            " where project_integration_id = %s and object = 'feature'",
            (world.integrations["quickbooks"],),
        ).fetchone()
    assert changed == (0,)


def test_sync_now_queues_a_run_the_logs_list(
    db: Database, world: World, functions_server: Functions
) -> None:
    with psycopg.connect(db.url, autocommit=True) as conn:
        conn.execute(
            "update public.project_integrations set status = 'Connected' where id = %s",
            (world.integrations["quickbooks"],),
        )
        row = conn.execute(
            "select f.key from public.integration_features as f"
            " join public.integration_providers as p on p.id = f.provider_id"
            " where p.key = 'quickbooks' and f.default_trigger = 'on_manual'"
            " and f.server_action is not null"
            " and f.default_trigger_config ->> 'entity' = 'projects'"
            " order by f.key limit 1"
        ).fetchone()
    assert row is not None
    form = {
        "project": str(world.project_id), "integration": str(world.integrations["quickbooks"]),
        "feature": row[0],
    }  # fmt: skip
    with signed_in(functions_server, "owner@test.invalid") as client:
        answer = client.post(f"{CONFIGURATION}/sync", data=form)
        assert answer.status_code == 303, answer.text
        logs = client.get(LOGS, params={"project": str(world.project_id), "status": "pending"})
    assert logs.status_code == 200
    assert logs.text.count("status-pending") == 1
