"""The pydantic TriggerConfig and the database's private.trigger_config_error accept and
reject exactly the same (trigger, config) pairs, and the same schedules against a
provider's minimum interval (private.schedule_interval_error, cron_runs_closer_than)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from python_workers.trigger_config import (
    TRIGGER_ENTITIES,
    TriggerConfig,
    cron_runs_closer_than,
    entity_columns,
)
from tests.testdb import Database

TRIGGERS = ["on_status_change", "on_manual", "on_schedule", "on_link", "realtime"]
# Text without NUL (jsonb cannot hold it) and without lone surrogates (not valid UTF-8).
text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=8)
scalars = st.one_of(
    text,
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.one_of(
    scalars, st.lists(scalars, max_size=3), st.none(), st.dictionaries(text, scalars, max_size=1)
)
column_names = st.sampled_from(
    [
        "status",
        "transaction_type",
        "transaction_direction",
        "entity_type",
        "role_can_be_vendor",
        "country_code",
        "amount",
        "nope",
        "Status",
    ]
)
cron_fields = st.one_of(
    st.just("*"),
    st.integers(0, 70).map(str),
    st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda r: f"{r[0]}-{r[1]}"),
    st.tuples(st.sampled_from(["*", "1-5", "3"]), st.integers(0, 12)).map(
        lambda r: f"{r[0]}/{r[1]}"
    ),
    st.lists(st.integers(0, 60).map(str), min_size=1, max_size=3).map(",".join),
    # "\u0661" (an Arabic-Indic one): a Unicode digit the cron grammar must refuse
    st.sampled_from(["", "L", "MON", "1,,2", "*/", "-1", "\u0661"]),
)
crons = st.one_of(
    st.lists(cron_fields, min_size=4, max_size=6).map(" ".join),
    st.lists(cron_fields, min_size=5, max_size=5).map(lambda f: "  ".join(f) + " "),
    text,
)
configs = st.one_of(
    st.fixed_dictionaries(
        {"entity": st.one_of(st.sampled_from(TRIGGER_ENTITIES), text, st.integers())},
        optional={
            "filter": st.one_of(st.dictionaries(column_names, values, max_size=3), scalars),
            "schedule": st.one_of(crons, st.none(), st.integers()),
            "owns_fields": st.one_of(st.booleans(), scalars, st.none()),
            "extra": scalars,
        },
    ),
    st.lists(scalars, max_size=2),
    scalars,
)


valid_crons = st.lists(
    st.sampled_from(["*", "0", "5", "1-5", "*/15", "1,2,3", "7"]), min_size=5, max_size=5
).map(" ".join)


@st.composite
def plausible(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """Mostly valid (trigger, config) pairs, each with at most one thing out of place."""
    trigger = draw(st.sampled_from(TRIGGERS))
    entity = draw(st.sampled_from(["transactions", "project_relationships"]))
    filter_: dict[str, Any] = {
        "status": draw(st.one_of(scalars, st.lists(scalars, min_size=1, max_size=3)))
    }
    if entity == "project_relationships" and draw(st.booleans()):
        filter_["entity_type"] = draw(st.sampled_from(["Business", ["Business", "Individual"]]))
    config: dict[str, Any] = {"entity": entity, "filter": filter_}
    if trigger == "on_schedule" or draw(st.integers(0, 9)) == 0:
        config["schedule"] = draw(st.one_of(valid_crons, valid_crons, crons))
    if draw(st.integers(0, 5)) == 0:
        del config["filter"]
    if draw(st.integers(0, 3)) == 0:
        config["owns_fields"] = draw(st.one_of(st.booleans(), st.booleans(), scalars))
    return trigger, config


# Valid crons whose runs are close within an hour, across midnight, on consecutive days or
# only some days apart.
schedule_crons = st.tuples(
    st.sampled_from(["*", "0", "5", "*/15", "0,30", "0-5", "59", "*/7", "0,59"]),
    st.sampled_from(["*", "0", "23", "0,23", "9-17", "*/2", "3", "0,12", "1-23/11"]),
    st.sampled_from(["*", "1", "1,2", "31", "*/2", "29", "28-31", "15"]),
    st.sampled_from(["*", "2", "1-6", "*/3", "12", "2,3"]),
    st.sampled_from(["*", "1", "1,2", "0,6", "1-5", "7", "*/2", "1,3"]),
).map(" ".join)
minimums = st.sampled_from(
    [timedelta(minutes=m) for m in (1, 2, 15, 30, 60, 120, 23 * 60, 24 * 60, 48 * 60, 72 * 60)]
)


def python_accepts(
    trigger: str, config: Any, columns: dict[str, set[str]], minimum: timedelta | None = None
) -> bool:
    context = {"trigger": trigger, "columns": columns, "min_schedule_interval": minimum}
    try:
        TriggerConfig.model_validate(config, context=context)
    except ValidationError:
        return False
    return True


def test_pydantic_and_sql_agree_on_every_config(db: Database) -> None:
    outcomes = {True: 0, False: 0}
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        columns = entity_columns(conn)

        @settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(pair=st.one_of(st.tuples(st.sampled_from(TRIGGERS), configs), plausible()))
        def agree(pair: tuple[str, Any]) -> None:
            trigger, config = pair
            row = conn.execute(
                "select private.trigger_config_error(%s::public.sync_trigger_type, %s::jsonb)",
                (trigger, json.dumps(config)),
            ).fetchone()
            assert row is not None
            sql_error = row[0]
            accepted = python_accepts(trigger, config, columns)
            assert accepted == (sql_error is None), sql_error
            outcomes[accepted] += 1

        agree()
    # the generator reaches both sides of the boundary, not only rejections
    assert outcomes[True] >= 50, outcomes
    assert outcomes[False] >= 50, outcomes


def test_original_design_configs_are_accepted_by_both(db: Database) -> None:
    with psycopg.connect(db.admin_url) as conn:
        columns = entity_columns(conn)
        rows = conn.execute(
            "select default_trigger::text, default_trigger_config from integration_features"
        ).fetchall()
    assert len(rows) >= 18
    for trigger, config in rows:
        assert python_accepts(trigger, config, columns), (trigger, config)


def test_pydantic_and_sql_agree_on_schedule_minimums(db: Database) -> None:
    outcomes = {True: 0, False: 0}
    with psycopg.connect(db.admin_url, autocommit=True) as conn:
        columns = entity_columns(conn)
        [(provider_id, minimum)] = conn.execute(
            "select id, min_schedule_interval from public.integration_providers"
            " where key = 'companies_house'"
        ).fetchall()

        @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(cron=schedule_crons, interval=minimums, pair=plausible())
        def agree(cron: str, interval: timedelta, pair: tuple[str, Any]) -> None:
            row = conn.execute(
                "select private.cron_runs_closer_than(%s, %s)", (cron, interval)
            ).fetchone()
            assert row is not None
            assert cron_runs_closer_than(cron, interval) == row[0], (cron, interval)
            outcomes[row[0]] += 1
            trigger, config = pair
            row = conn.execute(
                "select coalesce(private.trigger_config_error(t, c),"
                " private.schedule_interval_error(t, c, %(p)s))"
                " from (select %(t)s::public.sync_trigger_type as t, %(c)s::jsonb as c) as a",
                {"t": trigger, "c": json.dumps(config), "p": provider_id},
            ).fetchone()
            assert row is not None
            assert python_accepts(trigger, config, columns, minimum) == (row[0] is None), row[0]

        agree()
    assert outcomes[True] >= 50, outcomes
    assert outcomes[False] >= 50, outcomes
