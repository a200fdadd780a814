"""functions/ answers 401, not 500, to a correctly signed access token whose `sub` is not a
user id (a uuid), on every route that takes one."""

from __future__ import annotations

import httpx
import pytest

from tests.py.connections.conftest import World

pytestmark = pytest.mark.anyio

ROUTES = [
    ("GET", "/oauth/quickbooks/start"),
    ("POST", "/oauth/quickbooks/disconnect"),
    ("GET", "/connections/quickbooks/status"),
]


SUBJECTS = ["not-a-uuid", "", "1' or '1'='1", 42, "urn:uuid:2f1c1b8e-8d5e-4b8a-9c3e-0f1a2b3c4d5e"]


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize(("method", "path"), ROUTES)
async def test_a_signed_token_whose_sub_is_not_a_uuid_gets_401(
    method: str, path: str, subject: object, functions_client: httpx.AsyncClient, world: World
) -> None:
    token = world.token(world.owner_id, sub=subject)
    response = await functions_client.request(
        method, path, params={"project_id": str(world.project_id)},
        headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip
    assert response.status_code == 401, response.text
    assert response.json()["error"]
