"""The /progress chart draws a session under its own date's tick (a clean-clone tester): one at 23:44
sat beside the next day's midnight tick. A day's lone session is drawn at noon, and the day ticks are
at noon too; two sessions on one day keep their own times."""

from __future__ import annotations

from datetime import UTC, datetime

from matplotlib import dates as mdates

from coaching.charts import progress_figure
from coaching.prescribe import ExerciseRules
from domain.training import Entry, LoggedSet


def _entry(i: int, at: datetime, load: float) -> Entry:
    return Entry("hip_thrust", (LoggedSet(10, load, "kg"),) * 3, at, id=i)


def _xs(fig: object) -> list[datetime]:
    [ax] = fig.axes  # type: ignore[attr-defined]
    return [mdates.num2date(x).replace(tzinfo=None) for x in ax.get_lines()[0].get_xdata(orig=False)]


def test_a_late_session_is_drawn_at_noon_of_its_day_under_its_tick(library) -> None:
    rules = ExerciseRules.from_library(library.exercises["hip_thrust"])
    days = [datetime(2026, 11, d, 23, 44, tzinfo=UTC) for d in (23, 25, 27)]
    entries = [_entry(i + 1, at, 80 + 2.5 * i) for i, at in enumerate(days)]
    fig = progress_figure(entries, "Hip thrust", "kg", rules)
    assert _xs(fig) == [datetime(2026, 11, d, 12) for d in (23, 25, 27)]
    [ax] = fig.axes
    ticks = [mdates.num2date(t).replace(tzinfo=None) for t in ax.get_xticks()]
    assert all(t.hour == 12 for t in ticks), ticks
    assert {datetime(2026, 11, d, 12) for d in (23, 25, 27)} <= set(ticks)


def test_two_sessions_on_one_day_keep_their_times(library) -> None:
    rules = ExerciseRules.from_library(library.exercises["hip_thrust"])
    at = [datetime(2026, 11, 23, 7, 0), datetime(2026, 11, 23, 19, 0), datetime(2026, 11, 25, 9, 0)]
    entries = [_entry(i + 1, x.replace(tzinfo=UTC), 80.0) for i, x in enumerate(at)]
    starts = {e.id: x for e, x in zip(entries, at, strict=True)}
    fig = progress_figure(entries, "Hip thrust", "kg", rules, starts)
    assert _xs(fig) == [at[0], at[1], datetime(2026, 11, 25, 12)]
