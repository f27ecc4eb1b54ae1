"""The /progress chart draws a session on its own date's tick (a clean-clone tester): one at 23:44
sat beside the next day's midnight tick. A day's lone session is drawn at its day's midnight, where
matplotlib's day tick and label are; two sessions on one day keep their own times. The time axis names
the month of the last session (another clean-clone tester: "2026-Nov" under a chart ending 2 Dec)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from matplotlib import dates as mdates

from coaching.charts import progress_figure, time_window
from coaching.prescribe import ExerciseRules
from domain.training import Entry, LoggedSet
from tests.conftest import Chat
from tests.test_log_flow import logapp_fixture, me_fixture, one  # noqa: F401 - fixtures


def _entry(i: int, at: datetime, load: float) -> Entry:
    return Entry("hip_thrust", (LoggedSet(10, load, "kg"),) * 3, at, id=i)


def _xs(fig: object) -> list[datetime]:
    [ax] = fig.axes  # type: ignore[attr-defined]
    return [mdates.num2date(x).replace(tzinfo=None) for x in ax.get_lines()[0].get_xdata(orig=False)]


def test_a_late_session_is_drawn_on_its_own_dates_tick(library) -> None:
    rules = ExerciseRules.from_library(library.exercises["hip_thrust"])
    days = [datetime(2026, 11, d, 23, 44, tzinfo=UTC) for d in (23, 25, 27)]
    entries = [_entry(i + 1, at, 80 + 2.5 * i) for i, at in enumerate(days)]
    fig = progress_figure(entries, "Hip thrust", "kg", rules)
    assert _xs(fig) == [datetime(2026, 11, d) for d in (23, 25, 27)]
    ticks, labels, offset = _axis(fig)
    assert all(t.hour == 0 for t in ticks), ticks
    shown = dict(zip(ticks, labels, strict=True))
    assert [shown[datetime(2026, 11, d)] for d in (23, 25, 27)] == ["23", "25", "27"]
    assert offset == "2026-Nov"


def test_two_sessions_on_one_day_keep_their_times(library) -> None:
    rules = ExerciseRules.from_library(library.exercises["hip_thrust"])
    at = [datetime(2026, 11, 23, 7, 0), datetime(2026, 11, 23, 19, 0), datetime(2026, 11, 25, 9, 0)]
    entries = [_entry(i + 1, x.replace(tzinfo=UTC), 80.0) for i, x in enumerate(at)]
    starts = {e.id: x for e, x in zip(entries, at, strict=True)}
    fig = progress_figure(entries, "Hip thrust", "kg", rules, starts)
    assert _xs(fig) == [at[0], at[1], datetime(2026, 11, 25)]


def _axis(fig: object) -> tuple[list[datetime], list[str], str]:
    """The x ticks (dates), their labels and the offset text, as the drawn chart shows them."""
    fig.canvas.draw()  # type: ignore[attr-defined]
    ax = fig.axes[0]  # type: ignore[attr-defined]
    ticks = [mdates.num2date(t).replace(tzinfo=None) for t in ax.get_xticks()]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    return ticks, labels, ax.xaxis.get_offset_text().get_text()


MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}


@pytest.mark.parametrize("span", [0, 2, 6, 10, 20, 29, 30, 35, 41, 42, 43, 60, 120, 400])
def test_the_time_axis_names_the_month_of_the_last_session(library, span: int) -> None:
    """A clean-clone tester: the axis said "2026-Nov" under a chart whose last point was 2 Dec (day
    ticks every few days ended on 30 Nov, and a change of month between two ticks went unnamed)."""
    last = datetime(2026, 12, 2, 18, 30, tzinfo=UTC)
    days = sorted({last - timedelta(days=d) for d in (span, span * 2 // 3, span // 3, 0)})
    loads = progress_figure(
        [_entry(i + 1, at, 80 + 2.5 * i) for i, at in enumerate(days)],
        "Hip thrust",
        "kg",
        ExerciseRules.from_library(library.exercises["hip_thrust"]),
    )
    band = progress_figure(
        [
            Entry("side_lying_clam", (LoggedSet(15, None, band="knees"),), at, id=i + 1)
            for i, at in enumerate(days)
        ],
        "Side-lying clam",
        "kg",
        ExerciseRules.from_library(library.exercises["side_lying_clam"]),
    )
    for fig in (loads, band):
        ticks, labels, offset = _axis(fig)
        assert offset in ("", "2026", "2026-Dec"), (span, offset, labels)
        # A change of month between two ticks is named under the tick: its month, or its year.
        for before, tick, label in zip(ticks, ticks[1:], labels[1:], strict=False):
            if (tick.year, tick.month) != (before.year, before.month):
                assert label in MONTHS or label.startswith("20"), (span, ticks, labels)
        if span <= 60:  # ticks on days: the last session's month is named
            assert "Dec" in labels or offset == "2026-Dec", (span, offset, labels)
        else:  # ticks on months: its year
            assert "2026" in labels or offset == "2026", (span, offset, labels)


def test_a_lone_day_is_drawn_from_the_day_before_to_the_day_after() -> None:
    """A tester: one session's chart ran from four days before it to three days after (a week around
    it). A history of one day now runs from the midnight before it to the one after."""
    lone = [datetime(2026, 11, 23)]
    assert time_window(lone) == (datetime(2026, 11, 22), datetime(2026, 11, 24))
    twice = [datetime(2026, 11, 23, 7, 0), datetime(2026, 11, 23, 19, 0)]
    assert time_window(twice) == (datetime(2026, 11, 22), datetime(2026, 11, 24))
    # Longer histories as before: a week around a short one, matplotlib's own limits past a week.
    assert time_window([datetime(2026, 11, 23), datetime(2026, 11, 25)]) == (
        datetime(2026, 11, 20, 12),
        datetime(2026, 11, 27, 12),
    )
    assert time_window([datetime(2026, 11, 1), datetime(2026, 11, 25)]) is None


def test_one_sessions_chart_names_its_day_in_the_middle(library) -> None:
    rules = ExerciseRules.from_library(library.exercises["hip_thrust"])
    fig = progress_figure(
        [_entry(1, datetime(2026, 11, 23, 18, 30, tzinfo=UTC), 80.0)], "Hip thrust", "kg", rules
    )
    left, right = (mdates.num2date(x).replace(tzinfo=None) for x in fig.axes[0].get_xlim())
    assert (left, right) == (datetime(2026, 11, 22), datetime(2026, 11, 24))
    ticks, labels, offset = _axis(fig)
    assert (labels, offset) == (["22", "23", "24"], "2026-Nov")
    assert ticks[1] == datetime(2026, 11, 23)


async def test_progress_still_sends_one_sessions_chart(me: Chat) -> None:
    assert (await one(me, "/log hip thrust 3x10 80kg")).text.startswith("Logged")
    reply = await one(me, "/progress hip thrust")
    assert reply.image is not None and reply.image.png.startswith(b"\x89PNG"), reply.text
