"""Trigger configs as a pydantic model: the same rules the database enforces in
private.trigger_config_error (supabase/schemas/core/functions/), so a config built in Python is
accepted by the database and vice versa (tests/py/test_trigger_config_property.py).

    {"entity": "<host table>", "filter": {"<column>": scalar | [scalar, …]},
     "schedule": "<5-field cron>", "owns_fields": true | false}
    (schedule: on_schedule only; an array means any-of; owns_fields: Plugboard
    may overwrite the fields of a provider record it links)

Which columns a host table has is the database's knowledge: pass them as validation
context (`entity_columns(conn)` reads them). For a provider whose API budget every project
shares, pass its catalogue minimum too (`min_schedule_interval`):
a schedule firing closer than that is refused.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import psycopg
from croniter import CroniterBadDateError, croniter
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

TriggerType = Literal["on_status_change", "on_manual", "on_schedule", "on_link", "realtime"]
TRIGGER_ENTITIES = ("project_relationships", "transactions", "transaction_lines", "projects")
Scalar = str | int | float | bool
# One cron list item: *, n or n-m, optionally /step (digits 0-9 only, as in the SQL).
CRON_ITEM = re.compile(r"(\*|([0-9]{1,2})(?:-([0-9]{1,2}))?)(?:/([0-9]{1,2}))?")
CRON_BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


def cron_is_valid(expression: str) -> bool:
    fields = re.split(" +", expression.strip(" "))
    return len(fields) == 5 and all(
        _cron_field_is_valid(field, low, high)
        for field, (low, high) in zip(fields, CRON_BOUNDS, strict=True)
    )


def _cron_field_is_valid(field: str, low: int, high: int) -> bool:
    for item in field.split(","):
        match = CRON_ITEM.fullmatch(item)
        if match is None:
            return False
        start, end, step = match.group(2), match.group(3), match.group(4)
        if start is not None and not low <= int(start) <= high:
            return False
        if end is not None and (not low <= int(end) <= high or int(end) < int(start)):
            return False
        if step is not None and int(step) == 0:
            return False
    return True


def cron_runs_closer_than(expression: str, interval: timedelta) -> bool:
    """Whether a valid cron expression fires twice less than `interval` apart, as
    private.cron_runs_closer_than decides it: the gaps within one day (every day has the
    same runs), then from one run day's last run to the next run day's first."""
    if interval <= timedelta(minutes=1):
        return False
    minute, hour, day, month, weekday = re.split(" +", expression.strip(" "))
    day0 = datetime(2000, 1, 1, tzinfo=UTC)
    times = croniter(f"{minute} {hour} * * *", day0 - timedelta(minutes=1))
    first = at = times.get_next(datetime)
    while (following := times.get_next(datetime)) < day0 + timedelta(days=1):
        if following - at < interval:
            return True
        at = following
    span = at - first
    if timedelta(days=1) - span >= interval:
        return False
    days = croniter(f"0 0 {day} {month} {weekday}", day0 - timedelta(minutes=1))
    try:
        following = days.get_next(datetime)
        while following < day0.replace(year=2008):
            at, following = following, days.get_next(datetime)
            if following - at - span < interval:
                return True
    except CroniterBadDateError:  # no run (day 31 of February) or no further run
        return False
    return False


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


class TriggerConfig(BaseModel):
    """Validate with context {"trigger": TriggerType, "columns": {entity: {column, …}}},
    optionally "min_schedule_interval": the provider's catalogue minimum (a timedelta)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entity: str
    filter: dict[str, Scalar | list[Scalar]] = {}
    schedule: str | None = None
    owns_fields: bool = False

    @model_validator(mode="before")
    @classmethod
    def _raw_shape(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("trigger_config: must be a JSON object")
        if "filter" in data and not isinstance(data["filter"], dict):
            raise ValueError("trigger_config.filter: must be an object of column: value")
        if "schedule" in data and not isinstance(data["schedule"], str):
            raise ValueError("trigger_config.schedule: must be a cron expression string")
        if "owns_fields" in data and not isinstance(data["owns_fields"], bool):
            raise ValueError("trigger_config.owns_fields: must be true or false")
        return data

    @field_validator("entity", mode="before")
    @classmethod
    def _known_entity(cls, value: Any) -> Any:
        if not isinstance(value, str) or value not in TRIGGER_ENTITIES:
            raise ValueError(f"trigger_config.entity: must be one of {', '.join(TRIGGER_ENTITIES)}")
        return value

    @field_validator("filter", mode="before")
    @classmethod
    def _filter_values(cls, value: dict[str, Any]) -> dict[str, Any]:
        for column, wanted in value.items():
            if isinstance(wanted, list):
                if not wanted or not all(_is_scalar(item) for item in wanted):
                    raise ValueError(
                        f"trigger_config.filter.{column}: an any-of array needs at least one "
                        "string, number or boolean"
                    )
            elif not _is_scalar(wanted):
                raise ValueError(
                    f"trigger_config.filter.{column}: must be a string, number, boolean or an "
                    "array of them"
                )
        return value

    @model_validator(mode="after")
    def _rules_of_the_trigger(self, info: ValidationInfo) -> TriggerConfig:
        context = info.context or {}
        trigger: TriggerType = context["trigger"]
        columns: set[str] = context["columns"].get(self.entity, set())
        for column in self.filter:
            if column not in columns:
                raise ValueError(f"trigger_config.filter.{column}: not a column of {self.entity}")
        if trigger == "on_status_change" and "status" not in self.filter:
            raise ValueError("trigger_config.filter.status: on_status_change needs the status")
        if trigger == "on_schedule":
            if self.schedule is None or not cron_is_valid(self.schedule):
                raise ValueError("trigger_config.schedule: needs a 5-field cron expression")
            minimum: timedelta | None = context.get("min_schedule_interval")
            if minimum is not None and cron_runs_closer_than(self.schedule, minimum):
                raise ValueError(
                    f"trigger_config.schedule: runs more often than once every {minimum}, the"
                    " least interval of this provider (its API budget is shared by every project)"
                )
        elif self.schedule is not None:
            raise ValueError("trigger_config.schedule: only on_schedule takes a schedule")
        return self


def entity_columns(conn: psycopg.Connection[Any]) -> dict[str, set[str]]:
    """The columns of every host table a trigger config may name."""
    rows = conn.execute(
        "select c.table_name, c.column_name from information_schema.columns c"
        " where c.table_schema = 'public' and c.table_name = any(%s)",
        (list(TRIGGER_ENTITIES),),
    ).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns
