"""Every client action, called through the RPC the way PostgREST serves a signed-in user
(set local role authenticated + request.jwt.claims), is deterministic and never fails
with anything but the documented SQLSTATEs, whatever params it gets: a result of the
agreed shape, or PB422 for params of the wrong shape (PB404 for unknown names)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from psycopg.types.json import Jsonb

from tests.testdb import Database

USER = uuid.UUID("00000000-0000-4000-8000-00000000a11c")
PROJECT = uuid.UUID("00000000-0000-4000-8000-0000000000b1")
RELATIONSHIP = uuid.UUID("00000000-0000-4000-8000-0000000000c1")
TRANSACTION = uuid.UUID("00000000-0000-4000-8000-0000000000d1")

SEED = f"""
insert into auth.users (id, email, role, aud)
values ('{USER}', 'prop@test.invalid', 'authenticated', 'authenticated');
insert into public.projects (id, name, country_code, created_by)
values ('{PROJECT}', 'Prop', 'GB', '{USER}');
update public.project_integrations set status = 'Connected',
    settings = '{{"home_currency": "GBP", "uses_tax": true, "book_close_date": "2026-01-31"}}'
where project_id = '{PROJECT}';
insert into public.project_relationships
    (id, project_id, entity_type, role_can_be_vendor, display_name)
values ('{RELATIONSHIP}', '{PROJECT}', 'Business', true, 'Prop Supplies Ltd');
insert into public.transactions
    (id, project_id, relationship_id, transaction_type, transaction_direction, status,
     transaction_date, currency_code, subtotal_amount, tax_amount, total_amount,
     payment_method, payment_account_code)
values ('{TRANSACTION}', '{PROJECT}', '{RELATIONSHIP}', 'Expense', 'inbound', 'Approved',
    '2026-03-01', 'GBP', 100, 20, 120, 'Cash', '1200');
insert into public.transaction_lines
    (transaction_id, line_number, amount, tax_amount, account_code, tax_code)
values ('{TRANSACTION}', 1, 100, 20, '6000', 'T1');
"""

CLAIMS = json.dumps({"sub": str(USER), "role": "authenticated", "email": "prop@test.invalid"})

# Every key some client action takes, plus text that means something to one of them.
KEYS = [
    "relationship_id", "transaction_id", "feature", "payment_method", "project_id",
    "company_number", "code", "query", "limit", "vrn", "utr", "employer_reference",
    "accounts_office_reference", "periodKey", "vatDueSales", "vatDueAcquisitions", "totalVatDue",
    "vatReclaimedCurrPeriod", "netVatDue", "totalValueSalesExVAT", "totalValuePurchasesExVAT",
    "totalValueGoodsSuppliedExVAT", "totalAcquisitionsExVAT", "finalised",
]  # fmt: skip
WORDS = [
    "vendors", "customers", "expenses", "bills", "Cash", "Credit Card", "Check", "SC123456",
    "01234567", "R0000123", "62012", "software", "339072747", "GB434031929", "GD123", "2234567890",
    "123/AB456", "123PX00123456", "18A1", "#001", "", " ", ":", "\t", "🚀", "%", "_", "\\",
]  # fmt: skip
UUIDS = [str(USER), str(PROJECT), str(RELATIONSHIP), str(TRANSACTION), str(uuid.UUID(int=0))]

text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(float),
    st.sampled_from(WORDS + UUIDS),
    st.uuids().map(str),
    text,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=6,
)
arbitrary = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=8),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), text), values, max_size=4),
    values,
)
ids = st.one_of(st.sampled_from(UUIDS), st.uuids().map(str))
strings = st.one_of(st.sampled_from(WORDS), text)
numbers = st.one_of(
    st.integers(-(10**15), 10**15),
    st.decimals(-(10**14), 10**14, places=2).map(float),
    st.floats(allow_nan=False, allow_infinity=False),
)
BOXES = KEYS[13:23]
# The keys each action takes (required, optional), with values of the right JSON type.
WELL_FORMED: dict[
    str, tuple[dict[str, st.SearchStrategy[Any]], dict[str, st.SearchStrategy[Any]]]
] = {
    "validate_relationship_send_to": (
        {"relationship_id": ids, "feature": st.sampled_from(["vendors", "customers"])},
        {},
    ),
    "validate_transaction_send_to": ({"transaction_id": ids}, {"feature": strings}),
    "payment_account_categories": ({"payment_method": strings}, {"project_id": ids}),
    "validate_company_number": ({"company_number": strings}, {}),
    "sic_code_search": ({"query": strings}, {"limit": st.integers(1, 100)}),
    "validate_vrn": ({"vrn": strings}, {}),
    "validate_utr": ({"utr": strings}, {}),
    "validate_paye_reference": (
        {},
        {"employer_reference": strings, "accounts_office_reference": strings},
    ),
    "validate_vat_return": (
        {},
        {"periodKey": strings, "finalised": st.booleans()} | {box: numbers for box in BOXES},
    ),
}


def params_for(action: str) -> st.SearchStrategy[Any]:
    """Half well-formed for the action (so its checks run), half anything at all; anything
    at all for an action this file does not describe yet."""
    if action not in WELL_FORMED:
        return arbitrary
    required, optional = WELL_FORMED[action]
    return st.one_of(st.fixed_dictionaries(required, optional=optional), arbitrary)


@pytest.fixture
def conn(db: Database) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(db.admin_url, autocommit=True) as admin:
        admin.execute(SEED)
    with psycopg.connect(db.url) as app:  # the app role, as PostgREST's authenticator
        yield app


@pytest.fixture
def actions(conn: psycopg.Connection[Any]) -> list[tuple[str, str]]:
    rows = conn.execute(
        "select p.key, a from public.integration_providers as p, unnest(p.client_actions) as a"
        " order by 1, 2"
    ).fetchall()
    conn.rollback()
    return [(provider, action) for provider, action in rows]


def call_twice(
    conn: psycopg.Connection[Any], provider: str, action: str, raw: Any
) -> list[tuple[str, Any]]:
    """Two calls in one request-like transaction: ("ok", result) or ("error", sqlstate)."""
    outcomes: list[tuple[str, Any]] = []
    with conn.transaction(force_rollback=True):
        conn.execute("set local role authenticated")
        conn.execute("select set_config('request.jwt.claims', %s, true)", (CLAIMS,))
        for _ in range(2):
            try:
                with conn.transaction():
                    row = conn.execute(
                        "select public.integration_client_action(%s, %s, %s)",
                        (provider, action, Jsonb(raw)),
                    ).fetchone()
                    assert row is not None
                    outcomes.append(("ok", row[0]))
            except psycopg.Error as error:
                assert error.diag.message_primary, "errors carry a message naming the problem"
                outcomes.append(("error", error.sqlstate))
    return outcomes


def assert_result_shape(result: Any) -> None:
    assert isinstance(result, dict) and set(result) == {"valid", "errors", "data"}
    assert isinstance(result["valid"], bool) and isinstance(result["data"], dict)
    assert isinstance(result["errors"], list)
    assert result["valid"] == (result["errors"] == [])
    for error in result["errors"]:
        assert {"code", "field", "message"} <= set(error)
        assert all(
            isinstance(error[key], str) and error[key] for key in ("code", "field", "message")
        )


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(choice=st.data())
def test_client_actions_are_deterministic_and_fail_only_as_documented(
    conn: psycopg.Connection[Any], actions: list[tuple[str, str]], choice: st.DataObject
) -> None:
    provider, action = choice.draw(st.sampled_from(actions))
    raw = choice.draw(params_for(action))
    first, second = call_twice(conn, provider, action, raw)
    assert first == second, "the same params give the same answer"
    kind, value = first
    event(f"{kind}: {value if kind == 'error' else value['valid']}")
    if kind == "error":
        assert value == "PB422", f"{provider}.{action} raised {value} for {raw!r}"
    else:
        assert_result_shape(value)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(provider=st.one_of(text, st.sampled_from(["quickbooks", "hmrc"])), action=text)
def test_unknown_names_are_pb404(conn: psycopg.Connection[Any], provider: str, action: str) -> None:
    first, second = call_twice(conn, provider, action, {})
    assert first == second == ("error", "PB404")
