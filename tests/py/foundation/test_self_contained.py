"""The repo needs nothing beside it: no file refers to a `../shared` folder (the published
specs the tests and sandboxes use are in `specs/`), and every spec file the code names exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from python_workers.config import REPO_ROOT
from sandboxes.common.specs import SPECS_DIR

# `../shared`, a `shared/specs` path, or "shared" as a path segment built in code.
OUTSIDE = re.compile(r"\.\./shared\b|\bshared/specs\b|/\s*[\"']shared[\"']")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout
    files = [REPO_ROOT / name for name in listed.decode().split("\0") if name]
    return [f for f in files if f.is_file() and b"\0" not in f.read_bytes()[:8192]]


def _references_outside(path: Path) -> list[str]:
    relative = path.relative_to(REPO_ROOT).as_posix()
    found = []
    for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
        if OUTSIDE.search(line):
            found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_file_refers_to_a_folder_beside_the_repo() -> None:
    this_file = Path(__file__).resolve()
    found = [
        reference
        for path in _tracked_text_files()
        if path.resolve() != this_file
        for reference in _references_outside(path)
    ]
    assert not found, "refers to ../shared (copy what it needs into specs/):\n" + "\n".join(found)


def test_the_check_sees_each_way_of_naming_the_folder() -> None:
    for line in (
        'x = ROOT.parent / "shared" / "specs"',
        "see ../shared/DESIGN.md",
        "shared/specs/a",
    ):
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search("a budget shared by every worker; specs/hmrc-vat")


def test_specs_live_in_the_repo_with_their_sources() -> None:
    assert SPECS_DIR == REPO_ROOT / "specs"
    providers = sorted(p.name for p in SPECS_DIR.iterdir() if p.is_dir())
    assert providers == ["companies-house", "hmrc-vat", "quickbooks-online"]
    for provider in providers:
        sources = (SPECS_DIR / provider / "SOURCES.md").read_text()
        for spec in (SPECS_DIR / provider).rglob("*"):
            if spec.is_file() and spec.name != "SOURCES.md":
                top = spec.relative_to(SPECS_DIR / provider).parts[0]
                assert top in sources, f"{spec} is not in {provider}/SOURCES.md"
