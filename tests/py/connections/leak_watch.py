"""The secret-leak watch: every token and key a test stores in Vault is captured (a
trigger on vault.secrets in the test's own database, decrypting as a superuser), and at
the end of the test none of them may appear in what the test produced: log records
(captured at DEBUG, httpx's included), HTTP responses of functions/, sync logs, the
v_project_integrations rows, RPC results and command output the test recorded."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import psycopg
import pytest

from tests.testdb import Database

INSTALL = """
create schema leak_watch;
create table leak_watch.secrets (value text not null);
create function leak_watch.capture() returns trigger language plpgsql security definer
set search_path = '' as $$
begin
    insert into leak_watch.secrets (value) values (vault._decrypt(new.secret, new.key_id));
    return null;
end
$$;
create trigger capture after insert or update of secret on vault.secrets
for each row execute function leak_watch.capture();
"""
# Client secrets of the sandboxes' OAuth apps and the JWT secret: never in output either.
STATIC_SECRETS = ("sandbox-client-secret", "test-jwt-secret-with-at-least-32-characters")


class LeakWatch:
    def __init__(self, db: Database, caplog: pytest.LogCaptureFixture) -> None:
        self.db = db
        self.caplog = caplog
        self.artifacts: list[str] = []
        self.extra_secrets: set[str] = set(STATIC_SECRETS)

    def install(self) -> None:
        with psycopg.connect(self.db.admin_url, autocommit=True) as conn:
            conn.execute(INSTALL)
        self.caplog.set_level(logging.DEBUG)

    def record(self, label: str, value: Any) -> None:
        self.artifacts.append(f"{label}: {value!r} / {value}")

    def secret(self, value: str) -> None:
        """A secret the test used without storing it in Vault (e.g. one it was given)."""
        self.extra_secrets.add(value)

    async def record_response(self, response: httpx.Response) -> None:
        await response.aread()
        self.artifacts.append(
            f"HTTP {response.status_code} {dict(response.headers)} {response.text}"
        )

    def secrets(self) -> set[str]:
        """Every value ever stored in Vault during the test, plus the static ones."""
        found = set(self.extra_secrets)
        with psycopg.connect(self.db.admin_url, autocommit=True) as conn:
            for (value,) in conn.execute("select value from leak_watch.secrets"):
                try:
                    parsed = json.loads(value)
                except ValueError:
                    parsed = value
                values = parsed.values() if isinstance(parsed, dict) else [parsed]
                found |= {str(v) for v in values if v}
        return found

    def produced(self) -> list[str]:
        """Everything the test produced that a person, a client app or a log reader sees."""
        texts = list(self.artifacts)
        for record in self.caplog.records:
            texts.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")
        texts.append(self.caplog.text)
        with psycopg.connect(self.db.admin_url, autocommit=True) as conn:
            for query in (
                "select row_to_json(l)::text from public.integration_sync_logs as l",
                "select row_to_json(v)::text from public.v_project_integrations as v",
                "select row_to_json(c)::text from public.integration_credentials as c",
            ):
                texts += [str(row[0]) for row in conn.execute(query)]
        return texts

    def assert_no_leaks(self) -> None:
        secrets = self.secrets()
        produced = self.produced()
        leaked = sorted(
            {f"{s[:4]}… in: {text[:200]}" for s in secrets for text in produced if s in text}
        )
        assert not leaked, f"secrets leaked: {leaked}"
