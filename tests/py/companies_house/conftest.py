"""A Companies House world: the sandbox (API key required), a GB project whose Companies
House integration is Connected with that key, and worker processes pointed at both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import reset_sandbox, start_sandbox
from tests.py.provider_world import SERVICE_ROLE, ProviderWorld
from tests.testdb import Database

API_KEY = "ch-test-key"


@dataclass
class ChWorld(ProviderWorld):
    sandbox: RunningSandbox | None = None
    project_id: UUID | None = None
    integration_id: UUID | None = None

    def add_project(self, name: str = "P") -> tuple[UUID, UUID]:
        project = self.one(
            "insert into public.projects (name, country_code) values (%s, 'GB') returning id",
            (name,),
        )["id"]
        integration = self.one(
            "select pi.id from public.project_integrations as pi"
            " join public.integration_providers as p on p.id = pi.provider_id"
            " where pi.project_id = %s and p.key = 'companies_house'",
            (project,),
        )["id"]
        return project, integration

    def add_member(self, project_id: UUID, role_key: str) -> UUID:
        """A signed-in user holding role `role_key` ('project:owner', 'project:member')."""
        user = uuid4()
        self.sql(
            "insert into auth.users (id, email, role, aud)"
            " values (%s, %s, 'authenticated', 'authenticated')",
            (user, f"{user}@example.com"),
        )
        self.sql(
            "insert into public.project_members (project_id, user_id, role_id)"
            " select %s, %s, r.id from public.roles as r where r.key = %s",
            (project_id, user, role_key),
        )
        return user

    def add_business(self, project_id: UUID, name: str, **columns: object) -> UUID:
        names = ["project_id", "entity_type", "display_name", *columns]
        row = self.one(
            f"insert into public.project_relationships ({', '.join(names)})"
            f" values ({', '.join(['%s'] * len(names))}) returning id",
            (project_id, "Business", name, *columns.values()),
        )
        return UUID(str(row["id"]))

    def link(self, relationship_id: UUID, number: str) -> dict[str, Any]:
        row = self.one(
            "select public.companies_house_link_company(%s, %s) as r",
            (relationship_id, number),
            claims=SERVICE_ROLE,
        )
        result: dict[str, Any] = row["r"]
        return result

    def request_sync(self, feature: str, entity_ids: list[UUID] | None = None) -> list[str]:
        """Runs a feature now through integration_request_sync (as a trusted server app
        calls it); the ids of the logs it queued."""
        row = self.one(
            "select public.integration_request_sync(%s, %s, %s) as r",
            (
                self.integration_id,
                feature,
                None if entity_ids is None else list(map(str, entity_ids)),
            ),
            claims=SERVICE_ROLE,
        )
        assert row["r"]["queued"], row["r"]
        ids: list[str] = row["r"]["log_ids"]
        return ids

    def run(self, action: str, timeout: float = 30.0, **params: Any) -> dict[str, Any]:
        """One run of `action` with no feature (as a server app queues it) until it is final."""
        assert self.integration_id is not None
        [log] = self.wait_final([self.enqueue(self.integration_id, action, params=params)], timeout)
        return log

    def integration(self) -> dict[str, Any]:
        return self.one(
            "select status::text, last_error_code, last_error_message"
            " from public.project_integrations where id = %s",
            (self.integration_id,),
        )

    def change_company(self, number: str, **changes: str) -> dict[str, Any]:
        """The register changes a company (the sandbox's /_sandbox/companies helper)."""
        assert self.sandbox is not None
        response = httpx.post(
            f"{self.sandbox.base_url}/_sandbox/companies/{number}", json=changes, timeout=10
        )
        response.raise_for_status()
        profile: dict[str, Any] = response.json()
        return profile


@pytest.fixture(scope="session")
def ch_sandbox() -> Iterator[RunningSandbox]:
    with start_sandbox("companies_house", api_keys=[API_KEY]) as sandbox:
        yield sandbox


@pytest.fixture
def ch(db: Database, tmp_path: Path, ch_sandbox: RunningSandbox) -> Iterator[ChWorld]:
    reset_sandbox(ch_sandbox)
    world = ChWorld(
        db, tmp_path, {"COMPANIES_HOUSE_BASE_URL": ch_sandbox.base_url}, sandbox=ch_sandbox
    )
    world.sql("select public.integration_set_api_key('companies_house', %s)", (API_KEY,))
    world.sql("select private.record_global_credential_test('companies_house', true)")
    world.project_id, world.integration_id = world.add_project()
    try:
        yield world
    finally:
        world.stop_workers()
