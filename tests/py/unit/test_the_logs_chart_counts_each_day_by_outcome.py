"""Proves the Logs page's chart (functions/console/chart.py): 30 bars, oldest first, ending
today; a day without runs is an empty bar; partial successes count as succeeded, pending
and running runs apart from failures; the busiest day fills the chart's height."""

from __future__ import annotations

from datetime import date

from functions.console.chart import DAYS, HEIGHT, outcome_bars

TODAY = date(2026, 12, 4)


def test_each_day_by_outcome_scaled_to_the_busiest() -> None:
    bars = outcome_bars(
        [
            {"day": TODAY, "status": "success", "runs": 2},
            {"day": TODAY, "status": "partial_success", "runs": 1},
            {"day": TODAY, "status": "failed", "runs": 1},
            {"day": date(2026, 12, 1), "status": "pending", "runs": 2},
            {"day": date(2026, 12, 1), "status": "in_progress", "runs": 1},
        ],
        TODAY,
    )
    assert len(bars) == DAYS
    assert (bars[0].day, bars[-1].day) == (date(2026, 11, 5), TODAY)
    last = bars[-1]
    assert (last.succeeded, last.failed, last.other) == (3, 1, 0)
    assert last.succeeded_height + last.failed_height == HEIGHT
    assert last.label == "2026-12-04: 3 succeeded, 1 failed, 0 pending or running"
    first_of_month = bars[-4]
    assert (first_of_month.succeeded, first_of_month.failed, first_of_month.other) == (0, 0, 3)
    assert first_of_month.other_height == round(3 * HEIGHT / 4)
    assert bars[-2].succeeded_height == bars[-2].failed_height == bars[-2].other_height == 0


def test_no_runs_at_all_draws_empty_bars() -> None:
    bars = outcome_bars([], TODAY)
    assert [b.succeeded_height + b.failed_height + b.other_height for b in bars] == [0] * DAYS
    assert bars[1].x - bars[0].x == bars[2].x - bars[1].x > 0
