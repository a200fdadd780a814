"""A Companies House world: the sandbox (API key required), a GB project whose Companies
House integration is Connected with that key, and worker processes pointed at both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest

from sandboxes.common.server import RunningSandbox
from sandboxes.testing import reset_sandbox, start_sandbox
from tests.py.provider_world import ProviderWorld
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

    def add_business(self, project_id: UUID, name: str, **columns: object) -> UUID:
        names = ["project_id", "entity_type", "display_name", *columns]
        row = self.one(
            f"insert into public.project_relationships ({', '.join(names)})"
            f" values ({', '.join(['%s'] * len(names))}) returning id",
            (project_id, "Business", name, *columns.values()),
        )
        return UUID(str(row["id"]))

    def link(self, relationship_id: UUID, number: str) -> dict[str, object]:
        row = self.one(
            "select public.companies_house_link_company(%s, %s) as r",
            (relationship_id, number),
            claims={"role": "service_role"},
        )
        result: dict[str, object] = row["r"]
        return result


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
