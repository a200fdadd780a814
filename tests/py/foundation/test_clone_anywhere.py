"""A clone in a folder the postgres OS user cannot enter (as /root/plugboard or any
`mktemp -d` folder is) starts and stops its own cluster, and two checkouts never share one
silently: a second cluster on a port already taken is refused before anything is created,
naming the cluster that holds it and what to change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from python_workers.config import REPO_ROOT
from python_workers.db.cluster import clusters_home
from sandboxes.common.server import free_port


@pytest.fixture(scope="module")
def clone() -> Iterator[Path]:
    """This checkout's HEAD, cloned into a 0700 folder (what `mktemp -d` makes)."""
    folder = Path(tempfile.mkdtemp(prefix="pb_clone_"))
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    target = folder / "plugboard"
    head = git("rev-parse", "HEAD", cwd=REPO_ROOT)
    git("clone", "--quiet", "--no-checkout", str(REPO_ROOT), str(target), cwd=folder)
    git("checkout", "--quiet", head, cwd=target)
    try:
        yield target
    finally:
        shutil.rmtree(clusters_home(target), ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def plugboard(checkout: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`plugboard …` run from `checkout` (its own code: `-m` puts the folder first on the path)."""
    return subprocess.run(
        [sys.executable, "-m", "python_workers", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def clean_env(port: int, **extra: str) -> dict[str, str]:
    dropped = ("DATABASE_URL", "PLUGBOARD_DATA_DIR", "PLUGBOARD_DB_PORT")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # COLUMNS: the CLI's console wraps at 80 columns when not on a terminal.
    return env | {"PLUGBOARD_DB_PORT": str(port), "COLUMNS": "400"} | extra


def test_a_clone_in_a_closed_folder_starts_and_stops_its_cluster(clone: Path) -> None:
    port = free_port()
    env = clean_env(port)
    started = plugboard(clone, env, "db", "start")
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert "created and started" in started.stdout
        with psycopg.connect(f"postgresql://supabase_admin@127.0.0.1:{port}/postgres") as conn:
            row = conn.execute("select current_setting('data_directory')").fetchone()
        assert row == (str(clone_pgdata(clone)),)

        # Another checkout on the same port: refused before it creates anything.
        other = clusters_home(REPO_ROOT) / f"test-clash-{uuid.uuid4().hex[:8]}"
        clash = plugboard(REPO_ROOT, clean_env(port, PLUGBOARD_DATA_DIR=str(other)), "db", "start")
        assert clash.returncode == 1
        message = clash.stdout
        assert f"port {port} is taken by the PostgreSQL cluster in {clone_pgdata(clone)}" in message
        assert "PLUGBOARD_DB_PORT" in message and "Traceback" not in clash.stderr
        assert not other.exists()
    finally:
        stopped = plugboard(clone, env, "db", "stop")
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert "local cluster: stopped" in plugboard(clone, env, "db", "status").stdout


def clone_pgdata(clone: Path) -> Path:
    return clusters_home(clone) / "pgdata"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root's server runs as another user")
def test_a_data_dir_the_server_cannot_enter_is_refused_before_anything_is_made(
    clone: Path,
) -> None:
    inside = clone.parent / "cluster"
    done = plugboard(clone, clean_env(free_port(), PLUGBOARD_DATA_DIR=str(inside)), "db", "start")
    assert done.returncode == 1
    message = done.stdout
    assert f"the postgres user (the server runs as it) cannot enter {clone.parent}" in message
    assert "unset PLUGBOARD_DATA_DIR" in message and "Traceback" not in done.stderr
    assert not inside.exists()
