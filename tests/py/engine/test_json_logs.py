"""PLUGBOARD_LOG_FORMAT=json: one JSON object a line, one field per fact (the run's facts
included wherever the line is logged during the run), and no secret, whichever way a
token reaches a logger call."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from python_workers import log_facts
from python_workers.logging_json import JsonLinesFormatter
from python_workers.providers.contract import Credential

TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.Zm9yZ2Vk"


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonLinesFormatter())
    logger = logging.getLogger("plugboard.test_json_logs")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield logger, out
    finally:
        logger.removeHandler(handler)


def lines(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_line_has_one_field_per_fact(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, out = captured
    logger.warning("run %s failed", "r1", extra={"error_code": "http_503", "retry_in": 1.5})
    [line] = lines(out)
    assert line["message"] == "run r1 failed"
    assert (line["level"], line["logger"]) == ("warning", "plugboard.test_json_logs")
    assert (line["error_code"], line["retry_in"]) == ("http_503", 1.5)
    assert line["time"].endswith("+00:00")


def test_lines_logged_during_a_run_carry_its_facts_and_no_other_runs(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = captured

    async def run(log_id: str) -> None:
        log_facts.bind(log_id=log_id, provider="quickbooks", action="sync_vendor", attempt=2)
        await asyncio.sleep(0)
        logger.info("inside %s", log_id)

    async def both() -> None:
        await asyncio.gather(run("a"), run("b"))  # each in a task of its own, as jobs are

    asyncio.run(both())
    logger.info("outside")
    by_message = {line["message"]: line for line in lines(out)}
    assert by_message["inside a"]["log_id"] == "a" and by_message["inside b"]["log_id"] == "b"
    assert by_message["inside a"]["action"] == "sync_vendor"
    assert by_message["inside a"]["attempt"] == 2
    assert "log_id" not in by_message["outside"]


def test_procrastinate_job_lines_name_the_job_and_the_sync_log(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = captured
    job = {"id": 7, "queue": "sync", "task_name": "plugboard.sync_run",
           "task_kwargs": {"log_id": "L"}, "args": {"secret": TOKEN}}  # fmt: skip
    logger.info("Starting job", extra={"job": job, "action": "start_job"})
    [line] = lines(out)
    assert {k: line[k] for k in ("job_id", "queue", "task", "log_id")} == {
        "job_id": 7, "queue": "sync", "task": "plugboard.sync_run", "log_id": "L"
    }  # fmt: skip
    assert TOKEN not in out.getvalue()


def test_a_token_given_to_a_logger_call_does_not_appear(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = captured
    logger.info("credential %s", Credential(access_token=TOKEN))
    logger.info("secret %s", SecretStr(TOKEN))
    logger.info("calling", extra={"access_token": TOKEN, "client_secret": TOKEN, "api_key": TOKEN})
    logger.info("sent Authorization: Bearer %s", TOKEN)
    logger.info("token endpoint said refresh_token=%s", TOKEN)
    logger.info('body {"access_token": "%s"}', TOKEN)
    try:
        raise RuntimeError(f"rejected: Basic {TOKEN}")
    except RuntimeError:
        logger.exception("refresh failed")
    written = lines(out)
    assert len(written) == 7
    assert TOKEN not in out.getvalue()
    assert written[2]["access_token"] == "<redacted>" and written[2]["api_key"] == "<redacted>"
    assert written[3]["message"] == "sent Authorization: Bearer <redacted>"
    assert "RuntimeError" in written[6]["exception"]
