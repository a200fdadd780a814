"""The real Supabase CLI (npm package `supabase`, installed by `make test`), run from the
repository root so it reads supabase/config.toml."""

from __future__ import annotations

import subprocess

from python_workers.config import REPO_ROOT

SUPABASE = REPO_ROOT / "node_modules" / ".bin" / "supabase"


def supabase(*args: str) -> str:
    """Run the CLI; its output (stdout and stderr), after asserting it succeeded."""
    assert SUPABASE.exists(), "the Supabase CLI is installed by `make test` (npm ci)"
    result = subprocess.run(
        [str(SUPABASE), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr
