"""Charts and export read domain log lines; the chart's estimated 1RM follows the rules' 1-12 rep limit."""

from __future__ import annotations

from coaching.charts import sessions
from coaching.export import entries_csv
from tests.entries import log_entry as LogEntry  # noqa: N812

AT = "2026-11-30T17:00:00+00:00"


def test_charts_and_export_read_domain_log_lines() -> None:
    before = LogEntry("hip_thrust", (10, 10), "2026-11-28T17:00:00+00:00", 80.0, "kg", id=1)
    now = LogEntry("hip_thrust", (10, 10), AT, 85.0, "kg", id=2)
    points = sessions([before, now], "kg")
    assert [s.top_weight for s in points] == [80.0, 85.0]
    assert points[1].pr_weight and points[1].pr_e1rm
    csv = entries_csv([now], {"hip_thrust": "Hip thrust"}).decode()
    assert "2026-11-30 17:00:00,2,hip_thrust,Hip thrust,1,10,85,kg,,,no" in csv


def test_a_high_rep_day_has_no_estimated_1rm_on_the_chart() -> None:
    # Epley drifts past 12 reps: 3 x 20 @ 40 kg would claim a 66.7 kg max.
    day = LogEntry("hip_thrust", (20, 20, 20), AT, 40.0, "kg", id=1)
    [point] = sessions([day], "kg")
    assert point.top_weight == 40.0 and point.best_e1rm is None
