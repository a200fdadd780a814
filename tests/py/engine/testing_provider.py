"""A test-only provider (never shipped): registered by the engine tests through the
worker's extra registry entries (PLUGBOARD_EXTRA_PROCESSORS=testing=<this module>).

Its one server action, `act`, appends what happens to the file PLUGBOARD_TEST_CALLS names
(one JSON line per event: start / end, log id, pid, time; at the start, the engine's
validation answers it was given) and then does what its params
say: sleep, fail the first `fail_times` attempts (retryable, with an optional Retry-After),
fail always (`fail: "retryable" | "permanent"`), report counts (for a batch, `entity_ids`:
each record not already failed counts created) — after writing an entity mapping through
ctx.db first when asked (committed with the log, or not at all)."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any, TextIO

from pydantic import Field

from python_workers.engine.outcome import SyncCounts
from python_workers.providers.contract import ActionContext, Processor, ServerAction
from python_workers.providers.params import RecordParams

CALLS_ENV = "PLUGBOARD_TEST_CALLS"


class ActParams(RecordParams):
    sleep: float = 0.0
    fail_times: int = 0
    retry_after: float | None = None
    fail: str | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    mapping: str | None = None  # an external id to map entity_id to


class ProviderSaysNo(Exception):
    """Shaped like python_workers/providers/errors.py's ProviderError (duck-typed)."""

    def __init__(self, code: str, retryable: bool, retry_after: float | None = None) -> None:
        self.code = code
        self.message = f"the test provider said no ({code})"
        self.retryable = retryable
        self.retry_after = retry_after
        self.details = {"hint": "from the test provider"}
        super().__init__(self.message)


_CALLS: dict[str, TextIO] = {}  # open once per process (the benchmark's runs add up)


def record(event: str, log_id: str, **extra: Any) -> None:
    line = json.dumps(
        {"event": event, "log_id": log_id, "pid": os.getpid(), "t": time.time(), **extra}
    )
    path = os.environ[CALLS_ENV]
    if path not in _CALLS:
        _CALLS[path] = Path(path).open("a", buffering=1)  # noqa: SIM115 (lives with the process)
    _CALLS[path].write(line + "\n")  # a line at a time: readers see it at once


def starts_of(log_id: str) -> int:
    lines = Path(os.environ[CALLS_ENV]).read_text().splitlines()
    return sum(
        1
        for line in lines
        if json.loads(line)["log_id"] == log_id and json.loads(line)["event"] == "start"
    )


async def act(ctx: ActionContext, params: ActParams) -> SyncCounts:
    log_id = str(ctx.sync_log_id)
    # what the engine's validation answered for the records it let through
    validated = {record_id: v.data for record_id, v in ctx.validations.items()}
    record("start", log_id, entity_id=params.entity_id, validated=validated)
    if params.sleep:
        await asyncio.sleep(params.sleep)
    if params.mapping is not None and ctx.integration.id is not None:
        await ctx.db.execute(
            "insert into public.integration_entity_mappings"
            " (project_integration_id, entity_type, internal_id, external_id)"
            " values (%s, 'account', %s, %s)",  # a reference code: no host row to name
            (ctx.integration.id, params.entity_id, params.mapping),
        )
    if params.fail is not None:
        raise ProviderSaysNo("always", retryable=params.fail == "retryable")
    # counting reads the whole calls file: only when asked to fail (the benchmark's no-op
    # action must not grow with every run it has made)
    if params.fail_times and starts_of(log_id) <= params.fail_times:
        raise ProviderSaysNo("flaky", retryable=True, retry_after=params.retry_after)
    record("end", log_id)
    if params.entity_ids is not None:  # a batch: every record not failed already is done
        for record_id in ctx.progress.plan(params.entity_ids):
            ctx.progress.add(record_id, "created")
        return ctx.progress.counts()
    return SyncCounts.model_validate(params.counts)


PROCESSOR: Processor = {"act": ServerAction(ActParams, act)}
