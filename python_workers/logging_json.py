"""Logs as JSON lines (PLUGBOARD_LOG_FORMAT=json) or as text (the default).

A JSON line has one field per fact: time (UTC, ISO 8601), level, logger, message, the
run's facts (log_facts.py: log_id, provider, action, attempt, error_code), the scalar
facts a call passed in `extra=` (a job id, a queue), and the exception when there is one.

Secrets stay out as they do in text logs: credentials, tokens and keys are objects whose
repr and str are redacted (Credential, StoredSecret's SecretStr fields, IssuedTokens), so
a message formatting one shows `<redacted>` or `**********`. On top of that, an `extra`
field whose name says it holds a secret (token, secret, password, api_key, authorization,
cookie) is written `<redacted>`, and a bearer or basic credential or a `*_token=` value
left in a message or traceback text is masked.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

from python_workers import log_facts
from python_workers.config import settings

REDACTED = "<redacted>"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
_SECRET_NAME = re.compile(r"token|secret|passw|authorization|cookie|(^|_)api_?key$", re.I)
_SECRET_TEXT = re.compile(
    r"(?P<keep>\b(?:bearer|basic)\s+|\b\w*(?:token|secret|password)\w*[\"']?\s*[:=]\s*[\"']?)"
    r"[A-Za-z0-9._~+/=-]{6,}",
    re.I,
)
# LogRecord's own attributes: everything else on a record came from `extra=`
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# procrastinate's `extra` names its own events `action`; a run's action is the provider's
_RENAMED = {"action": "event"}


def masked(text: str) -> str:
    return _SECRET_TEXT.sub(lambda m: m.group("keep") + REDACTED, text)


def _job_facts(job: object) -> dict[str, Any]:
    """The facts of procrastinate's `job` extra (its job as a dict)."""
    if not isinstance(job, dict):
        return {}
    kwargs = job.get("task_kwargs")
    log_id = kwargs.get("log_id") if isinstance(kwargs, dict) else None
    facts = {"job_id": job.get("id"), "queue": job.get("queue"), "task": job.get("task_name")}
    return {k: v for k, v in {**facts, "log_id": log_id}.items() if v is not None}


def _extra_facts(record: logging.LogRecord) -> dict[str, Any]:
    facts = _job_facts(getattr(record, "job", None))
    for name, value in vars(record).items():
        if name in _RECORD_ATTRIBUTES or name.startswith("_"):
            continue
        if not isinstance(value, str | int | float | bool) and value is not None:
            continue  # objects (procrastinate's job dicts, models) are not facts of one field
        if name in _RENAMED and record.name.startswith("procrastinate"):
            name = _RENAMED[name]
        facts[name] = REDACTED if _SECRET_NAME.search(name) else value
    return facts


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": masked(record.getMessage()),
        }
        line.update(_extra_facts(record))
        line.update(log_facts.current())  # a run's own facts win over a library's extras
        if record.exc_info:
            line["exception"] = masked(self.formatException(record.exc_info))
        return json.dumps(line, default=str, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    """The root logger writes to stderr in the configured format."""
    handler = logging.StreamHandler(sys.stderr)
    if settings().plugboard_log_format == "json":
        handler.setFormatter(JsonLinesFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
