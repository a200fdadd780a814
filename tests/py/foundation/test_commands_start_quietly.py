"""Every `plugboard` command starts without a warning of a library's on stderr (authlib's
httpx deprecation notice used to open every command's output)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("command", [["--help"], ["sync", "--help"], ["functions", "--help"]])
def test_a_command_prints_no_library_warning(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-W", "default", "-m", "python_workers", *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
    assert "Warning" not in done.stderr, done.stderr
