"""Where the providers' published specs live: the repo's own `specs/` folder (each provider's
SOURCES.md names every file's origin, commit and licence). The contract tests and the
QuickBooks shape derivation read them; nothing reads specs from outside the checkout."""

from __future__ import annotations

from pathlib import Path

SPECS_DIR = Path(__file__).resolve().parents[2] / "specs"
