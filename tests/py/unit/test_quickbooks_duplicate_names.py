"""A relationship whose name QuickBooks already holds (Fault 6240): the QuickBooks party
of that name is taken as the same business only when nothing says otherwise; each refusal
names what differs and what a person can do. (Linking the one that matches reads the
mappings: the end-to-end tests in tests/py/quickbooks/test_duplicate_names.py.)"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from python_workers.providers.errors import ProviderError
from python_workers.providers.quickbooks.client import api_for
from python_workers.providers.quickbooks.duplicates import CONFLICT, same_business
from tests.py.unit.memory_context import Recorder, memory_context
from tests.py.unit.quickbooks_rows import relationship_row

pytestmark = pytest.mark.anyio


def _named(*parties: dict[str, Any]) -> Recorder:
    return Recorder(httpx.Response(200, json={"QueryResponse": {"Vendor": list(parties)}}))


async def _conflict(answers: Recorder, *, owned: bool = False, **row: Any) -> ProviderError:
    ctx = memory_context(answers)
    with pytest.raises(ProviderError) as refused:
        await same_business(ctx, api_for(ctx), "vendor", relationship_row(**row), owned=owned)
    assert refused.value.code == CONFLICT
    return refused.value


async def test_the_name_is_asked_for_quoted_among_active_and_inactive_parties() -> None:
    answers = _named()
    await _conflict(answers, display_name="O'Brien \\ Sons")
    query = answers.requests[0].url.params["query"]
    assert query.startswith(
        "select * from Vendor where DisplayName = 'O\\'Brien \\\\ Sons' and Active in (true, false)"
    )


async def test_a_name_held_by_no_vendor_is_another_kind_of_party() -> None:
    error = await _conflict(_named())
    assert "that is not a vendor; give the relationship another display name" in error.message


async def test_a_different_email_or_company_name_is_another_business() -> None:
    error = await _conflict(_named({
        "Id": "58", "DisplayName": "OAKWOOD  timber", "Active": True,
        "PrimaryEmailAddr": {"Address": "billing@elsewhere.test"},
        "CompanyName": "Oakwood Timber Holdings plc",
    }))  # fmt: skip
    assert error.message.startswith(
        'QuickBooks already has vendor 58 "OAKWOOD  timber" with a different '
        "e-mail address and company name"
    )
    assert error.details == {"existing_id": "58"}


async def test_an_inactive_party_is_taken_only_when_plugboard_owns_its_fields() -> None:
    inactive = {"Id": "58", "DisplayName": "Oakwood Timber", "Active": False}
    error = await _conflict(_named(inactive), owned=False)
    assert "made inactive there; make it active in QuickBooks" in error.message
