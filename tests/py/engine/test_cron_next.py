"""private.cron_next (SQL) agrees with croniter on generated cron expressions and moments:
the schedules the planner computes in the database are the ones the library would.
(Ranges `n-n` are not generated: croniter 7 reads them as `*`, which cron does not.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from croniter import croniter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.testdb import Database

BOUNDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


@st.composite
def fields(draw: st.DrawFn, low: int, high: int) -> str:
    def item() -> st.SearchStrategy[str]:
        value = st.integers(low, high)
        ranges = st.tuples(value, value).filter(lambda p: p[0] < p[1])
        return st.one_of(
            value.map(str),
            ranges.map(lambda p: f"{p[0]}-{p[1]}"),
            st.tuples(ranges, st.integers(1, 15)).map(lambda p: f"{p[0][0]}-{p[0][1]}/{p[1]}"),
            st.integers(1, 20).map(lambda step: f"*/{step}"),
        )

    if draw(st.integers(0, 3)) == 0:
        return "*"
    return ",".join(draw(st.lists(item(), min_size=1, max_size=3)))


expressions = st.tuples(*(fields(low, high) for low, high in BOUNDS)).map(" ".join)
moments = st.datetimes(datetime(2020, 1, 1), datetime(2035, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=UTC)
)


@pytest.fixture
def conn(db: Database) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    with psycopg.connect(db.url, autocommit=True) as connection:
        yield connection


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(expression=expressions, after=moments)
def test_cron_next_agrees_with_croniter(
    conn: psycopg.Connection[tuple[object, ...]], expression: str, after: datetime
) -> None:
    row = conn.execute("select private.cron_next(%s, %s)", (expression, after)).fetchone()
    assert row is not None
    try:
        expected = croniter(expression, after).get_next(datetime)
    except Exception:  # croniter finds no such day (e.g. 31 February)
        assert row[0] is None
        return
    if expected - after > timedelta(days=366 * 9):
        assert row[0] is None
    else:
        assert row[0] == expected, expression
