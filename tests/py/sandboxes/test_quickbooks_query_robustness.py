"""The query parser answers any text with a query or a QueryParser/Validation fault, never
a crash (pure, in-process; hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sandboxes.quickbooks.faults import QuickBooksFault
from sandboxes.quickbooks.query import parse, run

WORDS = ["SELECT", "*", "COUNT(*)", "FROM", "Vendor", "Account", "WHERE", "AND", "IN", "LIKE",
         "ORDERBY", "DESC", "STARTPOSITION", "MAXRESULTS", "=", "<", ">=", "!=", "(", ")", ",",
         "'x'", "'%a%'", "1", "-2", "1001", "true", "DisplayName", "MetaData.LastUpdatedTime",
         "Active", "'", "\\", "Id"]  # fmt: skip
VENDORS = [
    {"Id": "1", "DisplayName": "Acme", "Active": True,
     "MetaData": {"LastUpdatedTime": "2026-01-01T00:00:00+00:00"}},
    {"Id": "2", "DisplayName": "Zed", "Active": False, "Balance": 3.5},
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14) | st.text(max_size=40).map(lambda t: [t]))
def test_any_text_parses_or_faults(words: list[str]) -> None:
    text = " ".join(words)
    try:
        query = parse(text)
    except QuickBooksFault as fault:
        assert fault.status == 400 and fault.code in ("4000", "4001")
        return
    run(query, VENDORS)


FIELDS = ["Id", "DisplayName", "Active", "Balance", "MetaData.LastUpdatedTime", "Missing"]
VALUES = ["'Acme'", "'2026-01-01T00:00:00Z'", "'%c%'", "1", "2.5", "true", "false", "'1'"]


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(FIELDS),
    operator=st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "LIKE"]),
    value=st.sampled_from(VALUES),
    in_values=st.lists(st.sampled_from(VALUES), min_size=1, max_size=3),
    order=st.sampled_from(FIELDS),
    descending=st.booleans(),
    start=st.integers(min_value=1, max_value=4),
    count=st.integers(min_value=0, max_value=1000),
)
def test_well_formed_queries_run_on_any_field_and_value(
    field: str, operator: str, value: str, in_values: list[str], order: str,
    descending: bool, start: int, count: int,
) -> None:  # fmt: skip
    text = (
        f"SELECT * FROM Vendor WHERE {field} {operator} {value} AND {field} IN "
        f"({', '.join(in_values)}) ORDERBY {order}{' DESC' if descending else ''} "
        f"STARTPOSITION {start} MAXRESULTS {count}"
    )
    rows = run(parse(text), VENDORS)
    assert len(rows) <= count
