"""Every `plugboard` command is reachable through the lazily loading command line, groups
with their subcommands (a one-command group included), and `plugboard functions` starts
without loading the worker's queue, the sync engine or authlib's OAuth client."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from python_workers.cli import COMMANDS, app

SUBCOMMANDS = {
    "db": ["start", "stop", "status", "migrate", "seed", "reset"],
    "vault": ["rotate-key"],
    "credentials": ["set-companies-house-key", "test-companies-house-key"],
}


def test_help_lists_every_command() -> None:
    done = CliRunner().invoke(app, ["--help"])
    assert done.exit_code == 0, done.output
    for name in COMMANDS:
        assert f" {name} " in done.output


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_answers_help(name: str) -> None:
    done = CliRunner().invoke(app, [name, "--help"])
    assert done.exit_code == 0, done.output
    assert f"Usage: root {name}" in done.output
    for subcommand in SUBCOMMANDS.get(name, []):
        sub = CliRunner().invoke(app, [name, subcommand, "--help"])
        assert sub.exit_code == 0, sub.output
        assert f"Usage: root {name} {subcommand}" in sub.output


def test_an_unknown_command_is_one_error() -> None:
    done = CliRunner().invoke(app, ["nope"])
    assert done.exit_code == 2 and "No such command 'nope'" in done.output


def test_functions_loads_only_what_it_serves() -> None:
    probe = (
        "import sys\n"
        "from python_workers.cli import app\n"
        "try:\n"
        "    app(['functions', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "from functions.app import create_app\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('procrastinate', 'joserfc') or m.startswith('authlib.integrations')"
        " or m.startswith('python_workers.engine.app')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
