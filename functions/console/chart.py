"""The Logs page's chart: runs per day for the last 30 days by outcome, laid out as SVG
bars (the template draws them; no script, no chart library)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

DAYS = 30
BAR_WIDTH = 10
GAP = 2
HEIGHT = 80
# a run's status → the outcome it is counted under
OUTCOME = {"success": "succeeded", "partial_success": "succeeded", "failed": "failed"}


@dataclass(frozen=True)
class Bar:
    day: date
    x: int
    succeeded: int
    failed: int
    other: int  # pending or running
    succeeded_height: int
    failed_height: int
    other_height: int

    @property
    def label(self) -> str:
        return (
            f"{self.day.isoformat()}: {self.succeeded} succeeded, {self.failed} failed, "
            f"{self.other} pending or running"
        )


def outcome_bars(counts: Iterable[Mapping[str, Any]], today: date) -> list[Bar]:
    """counts: rows of (day, status, runs). One bar per day, oldest first, heights scaled
    so the busiest day fills the chart."""
    by_day: dict[date, dict[str, int]] = {}
    for row in counts:
        outcome = OUTCOME.get(row["status"], "other")
        per_day = by_day.setdefault(row["day"], {})
        per_day[outcome] = per_day.get(outcome, 0) + int(row["runs"])
    days = [today - timedelta(days=DAYS - 1 - n) for n in range(DAYS)]
    busiest = max((sum(by_day.get(day, {}).values()) for day in days), default=0) or 1
    bars = []
    for n, day in enumerate(days):
        runs = by_day.get(day, {})
        succeeded, failed, other = (runs.get(k, 0) for k in ("succeeded", "failed", "other"))
        bars.append(
            Bar(
                day, n * (BAR_WIDTH + GAP), succeeded, failed, other,
                round(succeeded * HEIGHT / busiest), round(failed * HEIGHT / busiest),
                round(other * HEIGHT / busiest),
            )
        )  # fmt: skip
    return bars
