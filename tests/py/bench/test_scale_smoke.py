"""`plugboard bench scale` at a tiny size (30 then 60 projects, a 10 s day): the real
bench (sandbox, functions/, 4 workers, its own scratch database), checked for a table
with every figure filled in and plausible. No figure is held to a speed here: speed is
what the full-size run reports (docs/engine.md, "Scale")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench.report
from bench import scale


def test_the_scale_bench_reports_every_figure_at_a_tiny_size(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(bench.report, "RESULTS_DIR", tmp_path)
    monkeypatch.setattr(scale, "DATABASE", "scale_smoke")
    monkeypatch.setattr(scale, "SIZES", [30, 60])
    monkeypatch.setattr(scale, "DAY_SECONDS", 10.0)
    monkeypatch.setattr(scale, "CHANGES", 10)
    monkeypatch.setattr(scale, "DRAIN_TIMEOUT", 300.0)
    scale.main()

    rows = json.loads((tmp_path / "scale.json").read_text())["rows"]
    assert [row["projects"] for row in rows[:2]] == [30, 60]
    for row in rows[:2]:
        assert all(value not in (None, "") for value in row.values()), row
        assert row["QBO connected"] == row["projects"] // 3
        assert row["runs (failed)"].endswith("(0)"), row
        assert row["records synced"] >= scale.CHANGES
        total, workers = row["peak conns (workers)"].rstrip(")").split(" (")
        # each worker holds at least its LISTEN; together never above 4 x 5
        assert scale.WORKERS <= int(workers) <= scale.WORKERS * scale.MAX_CONNECTIONS
        assert int(total) >= int(workers)
        assert row["DB CPU s"] > 0 and row["DB CPU ms/record"] > 0
        assert 0 < row["change->request p50 ms"] <= row["p99 ms"] < 60_000
        assert 0 < row["Logs p95 ms"] < 10_000
    growth = rows[2]
    assert growth["projects"] == "growth 30 -> 60"
    for key in ("DB CPU ms/record", "p99 ms", "Logs p95 ms", "peak conns (workers)"):
        assert growth[key].startswith("x"), growth
