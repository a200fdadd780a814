"""`plugboard up` — the README's start command — on a fresh data folder: the local
database comes up migrated with the demo data, the sandboxes answer, and Ctrl-C stops
everything cleanly."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import httpx
import psycopg
import pytest

from python_workers.config import REPO_ROOT
from python_workers.db.cluster import clusters_home
from sandboxes.registry import PORT_OFFSETS

PROVIDER_SETTINGS = (
    "QBO_API_BASE_URL",
    "QBO_OAUTH_BASE_URL",
    "QBO_TOKEN_URL",
    "COMPANIES_HOUSE_BASE_URL",
    "HMRC_BASE_URL",
    "DATABASE_URL",
)


def bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def first_free_port(offsets: tuple[int, ...] = (0,)) -> int:
    """A port whose every offset is free, below Linux's ephemeral range (32768-60999): a
    port near one the OS gave out is ephemeral, and an outgoing connection took one before
    the sandbox could bind it (CI rehearsal, "address already in use")."""
    for _ in range(200):
        first = random.randrange(20000, 32768 - max(offsets))
        if all(bindable(first + offset) for offset in offsets):
            return first
    raise RuntimeError("no free port block between 20000 and 32767")


@pytest.fixture
def up_env() -> Iterator[dict[str, str]]:
    data_dir = clusters_home(REPO_ROOT) / f"test-up-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if k not in PROVIDER_SETTINGS}
    env |= {
        "PLUGBOARD_DATA_DIR": str(data_dir),
        "PLUGBOARD_DB_PORT": str(first_free_port()),
        "PLUGBOARD_SANDBOX_PORT": str(first_free_port(tuple(PORT_OFFSETS.values()))),
    }
    yield env
    subprocess.run([sys.executable, "-m", "python_workers", "db", "stop"], env=env, check=False)
    shutil.rmtree(data_dir, ignore_errors=True)


def wait_for(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.3)
    return False


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code < 500
    except httpx.HTTPError:
        return False


def test_up_brings_up_the_database_with_demo_data_and_sandboxes_and_stops_on_ctrl_c(
    up_env: dict[str, str],
) -> None:
    up = subprocess.Popen(
        [sys.executable, "-m", "python_workers", "up"],
        env=up_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first = int(up_env["PLUGBOARD_SANDBOX_PORT"])
        sandboxes = [f"http://127.0.0.1:{first + n}/_sandbox/counters" for n in range(3)]
        ready = wait_for(lambda: up.poll() is not None or all(answers(u) for u in sandboxes), 120)
        assert ready and up.poll() is None, "plugboard up did not start its sandboxes"
        url = f"postgresql://postgres@127.0.0.1:{up_env['PLUGBOARD_DB_PORT']}/postgres"
        with psycopg.connect(url) as conn:
            projects = conn.execute("select name, country_code from projects order by name")
            assert projects.fetchall() == [
                ("Hudson Design LLC", "US"),
                ("Thames Joinery Ltd", "GB"),
            ]
            integrations = conn.execute("select count(*) from project_integrations").fetchone()
            assert integrations == (4,)
    except AssertionError:
        up.kill()
        raise AssertionError(up.communicate(timeout=60)[0]) from None
    finally:
        if up.poll() is None:
            up.send_signal(signal.SIGINT)
    output, _ = up.communicate(timeout=60)
    assert up.returncode == 0, output
    assert "Plugboard is running" in output and "stopping" in output
    assert not any(answers(url) for url in sandboxes), "sandboxes still running after Ctrl-C"
